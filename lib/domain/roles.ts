export const ROLES = ['organizer', 'moderator', 'presenter', 'participant'] as const;
export type Role = (typeof ROLES)[number];

export const ATTENDANCE_MODES = ['in_person', 'remote'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const SESSION_KINDS = ['plenary', 'panel', 'workshop', 'breakout_work', 'break', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const LIVE_MODES = ['webinar', 'meeting'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  organizer: 'Organizer',
  moderator: 'Moderator',
  presenter: 'Presenter',
  participant: 'Participant',
};

export const ATTENDANCE_LABELS: Record<AttendanceMode, string> = {
  in_person: 'In the hall',
  remote: 'Online',
};

export const SESSION_KIND_LABELS: Record<SessionKind, string> = {
  plenary: 'Plenary',
  panel: 'Panel',
  workshop: 'Workshop',
  breakout_work: 'Breakout work',
  break: 'Break',
  other: 'Other',
};
