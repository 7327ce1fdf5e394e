import { venueRoomsOf } from '../db/queries/programme';

/**
 * The doors a helper can scan at: the distinct non-empty venue rooms of the
 * event's sessions. A room is a name on the programme, not a table of its own,
 * so renaming a session's room changes the list.
 */
export async function eventRooms(eventId: string): Promise<string[]> {
  return venueRoomsOf(eventId);
}
