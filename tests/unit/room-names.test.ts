import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rooms } from '../../lib/realtime/rooms';

const root = path.resolve(__dirname, '../..');
const HOME = 'lib/realtime/rooms.ts';

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

const files = [...sources('server'), ...sources('lib')].filter((f) => f !== HOME);
const read = (f: string) => readFileSync(path.join(root, f), 'utf8');

// The prefixes lib/realtime/rooms.ts gives out; a template literal starting with one outside it is a room name spelled twice.
const PREFIXES = ['session', 'user', 'auth-session', 'auth-user', 'qa', 'polls', 'display-link', 'sign-display', 'lobby', 'hands', 'reactions', 'recording', 'stream', 'watch', 'captions', 'captions-display', 'breakouts', 'breakout-room', 'breakout-control', 'plan', 'attendance', 'live', 'receivers'];
const ROOM_LITERAL = new RegExp('`(' + PREFIXES.join('|') + '):\\$\\{');
// Where room names are built and used: the realtime handlers, the services that broadcast, the live media rooms.
const ROOM_CODE = /^(server\/realtime|server\/sfu|server\/interpretation|lib\/services|lib\/realtime)\//;

// A second name for a room helper (`export const qaRooms = rooms.qa`) hides where names come from and
// invites a third; code calls `rooms.…` from lib/realtime/rooms.ts itself.
const ALIAS = /=\s*(?:\{[^}]*:\s*)?\b(?:rooms|roomNames)\.[\w.]+\s*\}?\s*;/;
const RENAMED = /import\s*\{[^}]*\brooms\s+as\s+\w+[^}]*\}\s*from\s*'[^']*(?:realtime\/rooms|broadcast)'/;
/** Files that still keep an alias, each with why. Shrink this list; never grow it. */
const ALIAS_NOT_YET: Record<string, string> = {};

describe('Socket.IO room names have one home, notices go out typed', () => {
  it('no io.to(`…`), .in(`…`), .join(`…`), .leave(`…`) or .except(`…`) outside lib/realtime/rooms.ts', () => {
    const offenders = files.filter((f) => /\.(to|in|join|leave|except)\(\s*\[?\s*`/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('no room name built from a template literal in the realtime code outside lib/realtime/rooms.ts', () => {
    const offenders = files.filter((f) => ROOM_CODE.test(f) && ROOM_LITERAL.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('no module keeps its own name for the room helpers (`const qaRooms = rooms.qa`, `rooms as roomNames`)', () => {
    const offenders = files.filter((f) => !(f in ALIAS_NOT_YET) && (ALIAS.test(read(f)) || RENAMED.test(read(f))));
    expect(offenders).toEqual([]);
    // The exemptions still hold an alias; one that no longer does comes off the list.
    expect(Object.keys(ALIAS_NOT_YET).filter((f) => !(ALIAS.test(read(f)) || RENAMED.test(read(f))))).toEqual([]);
  });

  it('the alias check sees an alias', () => {
    for (const line of ['export const qaRooms = roomNames.qa;', 'const recordingRooms = { session: rooms.recording };', "import { rooms as roomNames } from '../../lib/realtime/rooms';"]) {
      expect(ALIAS.test(line) || RENAMED.test(line)).toBe(true);
    }
    for (const line of ['const room = rooms.qa.staff(sessionId);', 'await socket.join(rooms.live(room.key));', "import { rooms } from '../../lib/realtime/rooms';"]) {
      expect(ALIAS.test(line) || RENAMED.test(line)).toBe(false);
    }
  });

  it('server notices are sent with their contract types: no cast of emit outside server/realtime/notices.ts', () => {
    const offenders = files.filter((f) => f !== 'server/realtime/notices.ts' && /\.emit as\b/.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('the scan sees the code it guards (a broken glob must not pass silently)', () => {
    expect(files).toContain('server/realtime/qa.ts');
    expect(files).toContain('lib/services/broadcast.ts');
    expect(ROOM_LITERAL.test(read(HOME))).toBe(true);
  });

  it.each([
    [rooms.qa.staff('s1'), 'qa:s1:staff'],
    [rooms.qa.audience('s1'), 'qa:s1:audience'],
    [rooms.user('u1'), 'user:u1'],
    [rooms.auth.session('t1'), 'auth-session:t1'],
    [rooms.breakouts.control('r1'), 'breakout-control:r1'],
    [rooms.live('main:s1'), 'live:main:s1'],
  ])('%s keeps the name clients in other processes already use (%s)', (name, expected) => {
    expect(name).toBe(expected);
  });

  it('no two kinds of room share a name', () => {
    const id = 'x';
    const names = [
      rooms.session(id), rooms.user(id), rooms.auth.session(id), rooms.auth.user(id), rooms.qa.staff(id), rooms.qa.audience(id),
      rooms.polls.staff(id), rooms.polls.audience(id), rooms.polls.display(id), rooms.displayLink(id), rooms.signDisplay(id), rooms.lobby.staff(id),
      rooms.lobby.everyone(id), rooms.hands.queue(id), rooms.reactions(id), rooms.recording(id), rooms.stream.staff(id), rooms.watch.watchers(id),
      rooms.watch.staff(id), rooms.captions.viewers(id), rooms.captions.display(id), rooms.breakouts.session(id), rooms.breakouts.room(id),
      rooms.breakouts.control(id), rooms.plan(id), rooms.attendance(id), rooms.live(id), rooms.receivers(id),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(rooms.isReceivers(rooms.receivers(id))).toBe(true);
    expect(rooms.isReceivers(rooms.live(id))).toBe(false);
  });
});
