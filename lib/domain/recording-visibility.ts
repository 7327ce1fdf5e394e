import type { Role } from './roles';
import { can } from './permissions';

export type RecordingVisibility = 'staff' | 'participants' | 'public';

/**
 * Who may watch a finished recording. Staff (organizers and moderators, who manage recordings) see
 * every one; participants when the organizer chose "participants" or "public"; anyone else only
 * through a public recording's secret link.
 */
export function mayWatchRecording(role: Role | null, visibility: RecordingVisibility, viaPublicLink: boolean): boolean {
  if (can({ role }, 'recording:manage')) return true;
  if (visibility === 'public') return viaPublicLink || role !== null;
  if (visibility === 'participants') return role !== null;
  return false;
}
