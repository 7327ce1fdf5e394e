import { can, type Action } from '../domain/permissions';
import { roleIn } from '../db/queries/programme';
import { forbidden } from '../errors';
import type { Role } from '../domain/roles';

/** Reads the caller's role from the database and throws `forbidden` unless it allows `action`. */
export async function authorize(userId: string, eventId: string, action: Action): Promise<Role> {
  const role = await roleIn(eventId, userId);
  if (!can({ role }, action)) throw forbidden();
  return role!;
}
