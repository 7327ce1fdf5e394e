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
    ['moderator', 'recording:manage', true],
    ['organizer', 'recording:manage', true],
    ['presenter', 'recording:manage', false],
    ['participant', 'recording:manage', false],
    ['participant', 'stream:manage', false],
    ['organizer', 'stream:manage', true],
    ['moderator', 'watch:promote', true],
    ['presenter', 'watch:promote', false],
    ['participant', 'watch:promote', false],
    ['organizer', 'member:remove', true],
    ['moderator', 'member:remove', false],
    ['participant', 'plan:write-own', true],
    ['presenter', 'plan:write-own', true],
    ['participant', 'plan:facilitate', false],
    ['presenter', 'plan:facilitate', false],
    ['moderator', 'plan:facilitate', true],
    ['moderator', 'plan:view-all', false],
    ['organizer', 'plan:view-all', true],
    ['participant', 'poll:answer', true],
    ['presenter', 'poll:answer', true],
    ['participant', 'poll:manage', false],
    ['presenter', 'poll:manage', false],
    ['moderator', 'poll:manage', true],
    ['organizer', 'poll:manage', true],
    ['participant', 'poll:export', false],
    ['moderator', 'poll:export', true],
    ['presenter', 'display:manage-links', false],
    ['moderator', 'display:manage-links', true],
    ['participant', 'media:spotlight', false],
    ['presenter', 'media:spotlight', false],
    ['moderator', 'media:spotlight', true],
    ['organizer', 'media:spotlight', true],
    ['participant', 'reaction:send', true],
    ['participant', 'lobby:bypass', false],
    ['presenter', 'lobby:bypass', true],
    ['presenter', 'lobby:manage', false],
    ['moderator', 'lobby:manage', true],
    ['participant', 'hand:raise', true],
    ['participant', 'hand:view-queue', false],
    ['presenter', 'hand:view-queue', true],
    ['presenter', 'hand:manage', false],
    ['moderator', 'hand:manage', true],
    ['presenter', 'language:manage', false],
    ['moderator', 'language:manage', true],
    ['participant', 'language:manage', false],
    ['participant', 'language:listen', true],
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
