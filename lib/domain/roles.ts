export const ROLES = ['organizer', 'moderator', 'presenter', 'participant'] as const;
export type Role = (typeof ROLES)[number];

export const ATTENDANCE_MODES = ['in_person', 'remote'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const SESSION_KINDS = ['plenary', 'panel', 'workshop', 'breakout_work', 'break', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const LIVE_MODES = ['webinar', 'meeting'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

// User-visible labels for these values live in lib/i18n/messages/<locale>/domain.json (roles, attendance, sessionKinds, liveModes).
