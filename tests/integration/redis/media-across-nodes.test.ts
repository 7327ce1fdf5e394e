import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { addMember, createEventWithSession, createUser, nextEvent, send } from '../../fixtures/server';
import { connectedTo } from '../../fixtures/nodes';
import { twoNodes } from '../../fixtures/two-nodes';
import { microphone, opusMic, rtpCounter } from '../../fixtures/rtp';
import { joinAndCapabilities, listen, publish, speakerBecomes } from '../../fixtures/node-media';

/**
 * One live room over two Balai nodes (real processes, one PostgreSQL, one
 * Redis): a microphone published on node A is consumed on node B through a
 * mediasoup pipe, breakouts opened on A move B's media, and when A is killed
 * B's clients are told its people and streams are gone. Media travels over
 * plain RTP transports standing in for browsers' WebRTC ones.
 */
const nodes = twoNodes('pipes', { PIPE_LISTEN_IP: '127.0.0.1' });
const { sockets } = nodes;

it('a consumer on B receives the RTP of a producer on A; the active speaker is heard across nodes; a moderator on A mutes and spotlights a peer on B, whose hand raised through A shows; a breakout opened on A moves B’s media; A’s death leaves no ghost on B', { timeout: 120_000 }, async () => {
  const { a, b } = nodes;
  const organizer = await createUser('Organizer on A');
  const speaker = await createUser('Speaker on A');
  const listener = await createUser('Listener on B');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  await addMember(event.id, speaker, 'participant');
  await addMember(event.id, listener, 'participant');
  const org = await connectedTo(a, organizer);
  const onA = await connectedTo(a, speaker);
  const onB = await connectedTo(b, listener);
  sockets.push(org, onA, onB);

  const mic = microphone(7001);
  const heard = await rtpCounter();
  try {
    // One main room over two nodes: B's listener sees A's speaker and receives its RTP through a pipe.
    const published = await publish(a, onA, session.id, mic, 7001);
    // Each node tells only its own clients who speaks: B's listener hears it from B's observer, fed by a pipe.
    const speakerAtB = speakerBecomes(onB, published.peerId);
    const joined = await listen(b, onB, session.id, published.producerId, heard);
    await speakerAtB;
    expect(joined.roomKey).toBe(published.roomKey);
    expect(joined.peers.map((p) => p.name)).toContain('Speaker on A');
    await heard.more(20);

    // A moderator on A acts on the listener hosted by B: mute and spotlight work the same across nodes.
    const { transportId } = await b.plain(onB.id!, 'send');
    const listenerMic = await send(onB, 'media:produce', { transportId, kind: 'audio', source: 'microphone', rtpParameters: opusMic(7002), paused: false });
    if (!listenerMic.ok) throw new Error(listenerMic.error.message);
    const orgJoined = await joinAndCapabilities(org, session.id);
    expect(orgJoined.peers.map((p) => p.name).sort()).toEqual(['Listener on B', 'Speaker on A']);
    const muted = nextEvent(onB, 'media:muted');
    const pausedAtOrg = nextEvent(org, 'media:producer-paused');
    expect(await send(org, 'media:mute-peer', { peerId: joined.peerId })).toMatchObject({ ok: true });
    expect(await muted).toEqual({ producerId: listenerMic.data.producerId });
    expect(await pausedAtOrg).toEqual({ producerId: listenerMic.data.producerId, paused: true });
    const spotlightAtB = nextEvent(onB, 'media:spotlight-changed');
    expect(await send(org, 'media:set-spotlight', { peerId: joined.peerId })).toMatchObject({ ok: true });
    expect(await spotlightAtB).toEqual({ peerId: joined.peerId });
    // The listener raises a hand from a phone connected to A: the tile of their call on B shows it, for A's people too.
    const phone = await connectedTo(a, listener);
    sockets.push(phone);
    const handShown = nextEvent(org, 'media:peer-updated');
    expect(await send(phone, 'hand:raise', { sessionId: session.id, raised: true })).toMatchObject({ ok: true });
    expect((await handShown).peer).toMatchObject({ peerId: joined.peerId, handRaised: true });
    // A peer no node hosts in this room is still not_found.
    expect(await send(org, 'media:mute-peer', { peerId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Breakouts opened on A: both are moved, B's listener by node B, into the same breakout room.
    const movedA = nextEvent(onA, 'media:room-left');
    const movedB = nextEvent(onB, 'media:room-left');
    const runId = randomUUID();
    const opened = await send(org, 'breakout:open', {
      sessionId: session.id,
      runId,
      mode: 'manual',
      rooms: [{ name: 'Together' }],
      durationMinutes: 10,
      manual: [
        { userId: speaker.id, room: 0 },
        { userId: listener.id, room: 0 },
      ],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const breakoutKey = `breakout:${opened.data.rooms[0]!.id}`;
    expect(await movedA).toEqual({ reason: 'moved', roomKey: breakoutKey });
    expect(await movedB).toEqual({ reason: 'moved', roomKey: breakoutKey });

    const inBreakout = await publish(a, onA, session.id, mic, 7001);
    expect(inBreakout.roomKey).toBe(breakoutKey);
    const before = heard.count;
    const rejoined = await listen(b, onB, session.id, inBreakout.producerId, heard);
    expect(rejoined.roomKey).toBe(breakoutKey);
    await heard.more(20);
    expect(heard.count - before).toBeGreaterThanOrEqual(20);

    // A dies: B's listener is told the speaker's stream and peer are gone (no ghost tile).
    const closed = nextEvent(onB, 'media:producer-closed', 20_000);
    const left = nextEvent(onB, 'media:peer-left', 20_000);
    a.child.kill('SIGKILL');
    expect(await closed).toEqual({ producerId: inBreakout.producerId });
    expect(await left).toEqual({ peerId: inBreakout.peerId });

    // The speaker comes back through B (the load balancer's next pick) and B's listener hears it again.
    const back = await connectedTo(b, speaker);
    sockets.push(back);
    const listenerLeft = nextEvent(onB, 'media:producer-added');
    const again = await publish(b, back, session.id, mic, 7001);
    expect(again.roomKey).toBe(breakoutKey);
    expect((await listenerLeft).producerId).toBe(again.producerId);
    const consumed = await send(onB, 'media:consume', { producerId: again.producerId });
    if (!consumed.ok) throw new Error(consumed.error.message);
    expect(await send(onB, 'media:resume-consumer', { consumerId: consumed.data.consumerId })).toMatchObject({ ok: true });
    await heard.more(20);
  } finally {
    mic.stop();
    heard.close();
  }
});
