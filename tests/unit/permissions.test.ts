import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Action } from '../../lib/domain/permissions';
import { ROLES, type Role } from '../../lib/domain/roles';

describe('can()', () => {
  it.each([
    ['organizer', 'event:edit', true],
    ['moderator', 'event:edit', false],
    ['participant', 'event:edit', false],
    ['participant', 'session:join', true],
    ['presenter', 'session:join', true],
    ['organizer', 'member:import', true],
    ['moderator', 'member:import', false],
    ['participant', 'member:view-roster', false],
    ['moderator', 'member:view-roster', true],
    ['participant', 'plan:write-own', true],
    ['presenter', 'plan:write-own', true],
    ['participant', 'plan:facilitate', false],
    ['presenter', 'plan:facilitate', false],
    ['moderator', 'plan:facilitate', true],
    ['moderator', 'plan:view-all', false],
    ['organizer', 'plan:view-all', true],
  ] as [Role, Action, boolean][])('%s may %s: %s', (role, action, expected) => {
    expect(can({ role }, action)).toBe(expected);
  });

  it('a non-member may do nothing at all', () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) expect(can({ role: null }, action)).toBe(false);
  });

  it('only knows real roles', () => {
    for (const roles of Object.values(PERMISSIONS)) for (const r of roles) expect(ROLES).toContain(r);
  });
});
