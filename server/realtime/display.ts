import { rooms } from '../../lib/realtime/rooms';
import { DISPLAY_LINK } from './pipeline';
import { findSession } from '../../lib/db/queries/programme';
import { displaySnapshot } from '../../lib/services/qa';
import { publicSnapshot } from '../../lib/services/polls';
import { clientEvents } from '../../lib/contracts/realtime';
import { DomainError } from '../../lib/errors';
import { errorText, toLocale } from '../../lib/i18n/error-text';
import { on, type BalaiServer, type BalaiSocket } from './handler';
import { joinCaptionDisplay } from './captions';
import { registerSignDisplay, SIGN_DISPLAY_REQUESTS } from './sign-display';

/**
 * A projector connected with a display token (no account). It may send
 * `display:join`, for the session its link belongs to (never one it names);
 * then it receives the audience's Q&A notices and the polls a moderator put on
 * the display; and the `display:sign-*` requests, which receive that
 * session's sign-language interpreter's video (./sign-display.ts). Every
 * other request is refused with `forbidden`, so a display socket can never act
 * as a person.
 */
export function registerDisplay(io: BalaiServer, socket: BalaiSocket, link: { linkId: string; sessionId: string }): void {
  on(io, socket, 'display:join', DISPLAY_LINK, async () => {
    const found = await findSession(link.sessionId);
    if (!found) throw new DomainError('not_found', 'notFound.session');
    const [qa, polls] = await Promise.all([displaySnapshot(link.sessionId), publicSnapshot(link.sessionId, 'display')]);
    await socket.join([rooms.qa.audience(link.sessionId), rooms.polls.display(link.sessionId), rooms.reactions(link.sessionId), rooms.displayLink(link.linkId)]);
    // Captions reach the projector only while the organizer shows them there (server/realtime/captions.ts).
    await joinCaptionDisplay(socket, link.sessionId);
    return { sessionId: link.sessionId, title: found.session.title, qa, polls };
  });
  registerSignDisplay(io, socket, link);
  const own = new Set<string>(['display:join', ...SIGN_DISPLAY_REQUESTS]);
  for (const name of Object.keys(clientEvents)) {
    if (own.has(name)) continue;
    socket.on(name as 'display:join', (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack === 'function') ack({ ok: false, error: { code: 'forbidden', message: errorText(toLocale(socket.data.browserLocale), 'polls.displayOnly') } });
    });
  }
}
