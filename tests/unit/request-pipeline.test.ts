import { describe, expect, it } from 'vitest';
import { handle } from '../../server/realtime/handler';
import { assertDeclared } from '../../server/realtime/pipeline';

// Registration is checked twice: the types refuse a handler without a declaration (each
// expect-error directive below fails `tsc` if the types ever accept one), and `handle` throws at
// start-up for whatever slips past the types (plain JavaScript, a cast).
describe('declaring a request', () => {
  it('refuses a handler registered without a declaration', () => {
    const register = () =>
      // @ts-expect-error a handler must declare its scope and action
      handle('qa:leave', async () => ({}));
    expect(register).toThrow(/must declare its scope and action/);
  });

  it('refuses a scoped declaration without an action of the permission table', () => {
    // @ts-expect-error the action is required
    expect(() => handle('qa:ask', { scope: 'session' }, async () => ({}) as never)).toThrow(/needs an action of the permission table/);
    // @ts-expect-error not an action of the table
    expect(() => handle('qa:ask', { scope: 'session', action: 'qa:shout' }, async () => ({}) as never)).toThrow(/permission table/);
  });

  it('refuses a scope the payload does not name, and an unknown scope', () => {
    // @ts-expect-error chat:history names a session, not a poll
    const wrong = () => handle('chat:history', { scope: 'poll', action: 'session:join' }, async () => ({}) as never);
    // Scopes are checked against the payload by the types only; at run time the scope must at least exist.
    expect(wrong).not.toThrow();
    // @ts-expect-error no such scope
    expect(() => handle('chat:send', { scope: 'anywhere', action: 'chat:post' }, async () => ({}) as never)).toThrow(/unknown scope/);
  });

  it('takes no action on a request that needs no role, and says so explicitly', () => {
    expect(() => assertDeclared('presence:leave', { scope: 'self', action: 'session:join' })).toThrow(/takes no action/);
    expect(() => assertDeclared('presence:leave', { scope: 'self' })).not.toThrow();
    expect(() => assertDeclared('display:join', { scope: 'none' })).not.toThrow();
    expect(() => assertDeclared('qa:vote', { scope: 'question', action: 'qa:ask' })).not.toThrow();
  });

  it('a request is handled once per process', () => {
    handle('reaction:leave', { scope: 'self' }, async () => ({}));
    expect(() => handle('reaction:leave', { scope: 'self' }, async () => ({}))).toThrow(/handled twice/);
  });
});
