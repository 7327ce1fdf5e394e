import { describe, expect, it } from 'vitest';
import { addMember, createEventWithSession, createUser, nextEvent, send, type TestSocket } from '../../fixtures/server';
import { connectedTo, type TestNode } from '../../fixtures/nodes';
import { twoNodes } from '../../fixtures/two-nodes';
import { microphone, rtpCounter } from '../../fixtures/rtp';
import { consumeInto, joinAndCapabilities, publish, publishScreen, speakerBecomes } from '../../fixtures/node-media';
import type { ServerEventName } from '../../../lib/contracts/realtime';

/**
 * A moderator and a participant of one meeting connected to different Balai
 * nodes (real processes, one PostgreSQL, one Redis), both ways round: the
 * active speaker, mute state and every moderator action (mute, stop a screen
 * share, spotlight, lock, remove) work as in a room on one node, and so does
 * the raised-hands queue's "in call".
 */
const nodes = twoNodes('moderation', { PIPE_LISTEN_IP: '127.0.0.1' });
const { sockets } = nodes;

async function on(node: TestNode, user: Awaited<ReturnType<typeof createUser>>): Promise<TestSocket> {
  const socket = await connectedTo(node, user);
  sockets.push(socket);
  return socket;
}

/** Counts a notice on a socket from now on. */
function counting(socket: TestSocket, name: ServerEventName) {
  const seen: unknown[] = [];
  socket.on(name as never, ((payload: unknown) => seen.push(payload)) as never);
  return seen;
}

describe.each([
  { moderatorOn: 'A', participantOn: 'B' },
  { moderatorOn: 'B', participantOn: 'A' },
])('moderator on node $moderatorOn, participant on node $participantOn', ({ moderatorOn }) => {
  it('active speaker, mute, stop share, spotlight, hand in call, lock and remove reach across the nodes', { timeout: 150_000 }, async () => {
    const { a, b } = nodes;
    const modNode = moderatorOn === 'A' ? a : b;
    const partNode = moderatorOn === 'A' ? b : a;
    const organizer = await createUser(`Moderator on ${moderatorOn}`);
    const participant = await createUser('Participant elsewhere');
    const latecomer = await createUser('Latecomer');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    await addMember(event.id, participant, 'participant');
    await addMember(event.id, latecomer, 'participant');
    const mod = await on(modNode, organizer);
    const part = await on(partNode, participant);

    const partMic = microphone(8102);
    const heardAtMod = await rtpCounter();
    try {
      // The participant speaks on their node. The moderator joins on the other one, which hears that microphone
      // through a pipe as soon as its copy of the room opens: it names the participant as the active speaker.
      // (Each node's observer keeps its own dominant speaker, which changes over seconds of speech: the moderator
      // stays silent here so the order in which the two nodes add microphones cannot decide.)
      const p = await publish(partNode, part, session.id, partMic, 8102);
      const speakerAtMod = speakerBecomes(mod, p.peerId);
      const m = await joinAndCapabilities(mod, session.id);
      expect(m.roomKey).toBe(p.roomKey);
      expect(m.peers.map((peer) => peer.peerId)).toContain(p.peerId);
      await speakerAtMod;
      // The moderator receives it through the pipe (RTP counted).
      await consumeInto(modNode, mod, p.producerId, heardAtMod);
      await heardAtMod.more(20);

      // Screen sharing opened for everyone: the participant's node re-reads the rights, its socket hears the settings once.
      const settingsAtPart = counting(part, 'media:settings-changed');
      const grants = nextEvent(part, 'media:grants-changed');
      const opened = await send(mod, 'media:update-settings', { screenShareOpen: true });
      expect(opened).toMatchObject({ ok: true, data: { screenShareOpen: true } });
      expect((await grants).screen).toBe(true);
      const screenId = await publishScreen(part, p.transportId);

      // Mute: the participant's node pauses the microphone and says so; the copy piped to the moderator's node pauses too.
      const muted = nextEvent(part, 'media:muted');
      const pausedAtMod = nextEvent(mod, 'media:producer-paused');
      expect(await send(mod, 'media:mute-peer', { peerId: p.peerId })).toMatchObject({ ok: true });
      expect(await muted).toEqual({ producerId: p.producerId });
      expect(await pausedAtMod).toEqual({ producerId: p.producerId, paused: true });
      await expect
        .poll(async () => {
          const again = await send(mod, 'media:consume', { producerId: p.producerId });
          return again.ok && again.data.producerPaused;
        }, { timeout: 15_000 })
        .toBe(true);

      // Stop share: the participant's screen closes on its node, the moderator sees it go.
      const stopped = nextEvent(part, 'media:own-producer-closed');
      const closedAtMod = nextEvent(mod, 'media:producer-closed');
      expect(await send(mod, 'media:stop-screen', { peerId: p.peerId })).toMatchObject({ ok: true });
      expect(await stopped).toEqual({ producerId: screenId, reason: 'moderator' });
      expect(await closedAtMod).toEqual({ producerId: screenId });

      // Spotlight on the participant: told everywhere, and the participant's node keeps it for people joining there.
      const spotAtPart = nextEvent(part, 'media:spotlight-changed');
      expect(await send(mod, 'media:set-spotlight', { peerId: p.peerId })).toMatchObject({ ok: true });
      expect(await spotAtPart).toEqual({ peerId: p.peerId });
      const secondTab = await on(partNode, participant);
      expect((await joinAndCapabilities(secondTab, session.id)).spotlightPeerId).toBe(p.peerId);
      expect(await send(secondTab, 'media:leave', {})).toMatchObject({ ok: true });

      // A hand raised from a phone on the moderator's node by someone whose call is on the other node: the queue,
      // made on the moderator's node, shows them "in call".
      expect(await send(mod, 'hand:join', { sessionId: session.id })).toMatchObject({ ok: true });
      const queue = nextEvent(mod, 'hand:queue');
      const phone = await on(modNode, participant);
      expect(await send(phone, 'hand:raise', { sessionId: session.id, raised: true })).toMatchObject({ ok: true });
      expect((await queue).queue).toEqual([expect.objectContaining({ userId: participant.id, inCall: true })]);

      // Lock: someone new on the participant's node is refused, and the participant heard each settings change once.
      const locked = nextEvent(part, 'media:settings-changed');
      expect(await send(mod, 'media:update-settings', { locked: true })).toMatchObject({ ok: true, data: { locked: true } });
      expect(await locked).toMatchObject({ locked: true });
      const late = await on(partNode, latecomer);
      expect(await send(late, 'media:join', { sessionId: session.id, hall: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(settingsAtPart).toHaveLength(2);

      // Remove: the participant's node takes their media out; the moderator sees them leave; they cannot come back.
      const removed = nextEvent(part, 'media:room-left');
      const leftAtMod = nextEvent(mod, 'media:peer-left');
      const spotlightOff = nextEvent(mod, 'media:spotlight-changed');
      expect(await send(mod, 'media:remove-peer', { peerId: p.peerId })).toMatchObject({ ok: true });
      expect(await removed).toEqual({ reason: 'removed', roomKey: null });
      expect(await leftAtMod).toEqual({ peerId: p.peerId });
      expect(await spotlightOff).toEqual({ peerId: null });
      expect(await send(part, 'media:join', { sessionId: session.id, hall: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // The moderator's node forgot the spotlight too: someone joining there is not shown a departed peer.
      const modTab = await on(modNode, organizer);
      expect((await joinAndCapabilities(modTab, session.id)).spotlightPeerId).toBeNull();
    } finally {
      partMic.stop();
      heardAtMod.close();
    }
  });
});
