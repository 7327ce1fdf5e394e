import { expect, it } from 'vitest';
import { addMember, createEventWithSession, createUser, nextEvent } from '../../fixtures/server';
import { connectedTo } from '../../fixtures/nodes';
import { twoNodes } from '../../fixtures/two-nodes';
import { microphone, rtpCounter } from '../../fixtures/rtp';
import { consumeInto, publish } from '../../fixtures/node-media';

/**
 * A node dies under a room that spans two nodes: the people it held reconnect
 * (as through the load balancer) to the surviving node and get their media
 * back both ways, sending and receiving, with RTP counted on plain transports;
 * the streams and peers of their dead connections leave every client.
 */
const nodes = twoNodes('death-media', { PIPE_LISTEN_IP: '127.0.0.1' });
const { sockets } = nodes;

it('A’s clients reconnected to B send and receive media again, and the streams of their dead connections leave everyone', { timeout: 120_000 }, async () => {
  const { a, b } = nodes;
  const organizer = await createUser('Organizer');
  const movedPerson = await createUser('Person on A');
  const stayingPerson = await createUser('Person on B');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  await addMember(event.id, movedPerson, 'participant');
  await addMember(event.id, stayingPerson, 'participant');
  const onA = await connectedTo(a, movedPerson);
  const onB = await connectedTo(b, stayingPerson);
  sockets.push(onA, onB);

  const micA = microphone(9001);
  const micB = microphone(9002);
  const heardByMoved = await rtpCounter();
  const heardByStaying = await rtpCounter();
  try {
    // One room over the two nodes, each person hearing the other through a pipe.
    // A consumes B's stream once told of it, as a browser does: a stream hosted on the other node is known here
    // when its notice arrives (consuming right after B's publish ack raced it once in CI). B joins after A's
    // stream exists and finds it in its join.
    const fromA = await publish(a, onA, session.id, micA, 9001);
    const toldA = nextEvent(onA, 'media:producer-added', 20_000);
    const fromB = await publish(b, onB, session.id, micB, 9002);
    expect((await toldA).producerId).toBe(fromB.producerId);
    await consumeInto(a, onA, fromB.producerId, heardByMoved);
    await consumeInto(b, onB, fromA.producerId, heardByStaying);
    await Promise.all([heardByMoved.more(20), heardByStaying.more(20)]);

    const ghostLeft = nextEvent(onB, 'media:peer-left', 20_000);
    const ghostStreamClosed = nextEvent(onB, 'media:producer-closed', 20_000);
    const killedAt = Date.now();
    a.child.kill('SIGKILL');

    // The person from A comes back through B: joins the same room, publishes again and receives B's microphone.
    const back = await connectedTo(b, movedPerson);
    sockets.push(back);
    const newStream = nextEvent(onB, 'media:producer-added', 20_000);
    const again = await publish(b, back, session.id, micA, 9001);
    expect(again.roomKey).toBe(fromA.roomKey);
    const receivedAgain = heardByMoved.count;
    await consumeInto(b, back, fromB.producerId, heardByMoved);
    // The person on B is told of the new stream and receives it.
    expect((await newStream).producerId).toBe(again.producerId);
    const heardBefore = heardByStaying.count;
    await consumeInto(b, onB, again.producerId, heardByStaying);
    await Promise.all([heardByMoved.more(20), heardByStaying.more(20)]);
    console.log(`[node-death media] RTP both ways again ${Date.now() - killedAt} ms after the kill`);
    expect(heardByMoved.count - receivedAgain).toBeGreaterThanOrEqual(20);
    expect(heardByStaying.count - heardBefore).toBeGreaterThanOrEqual(20);

    // The dead connection's peer and stream leave B's client once B notices A's death: no ghost stays.
    expect(await ghostStreamClosed).toEqual({ producerId: fromA.producerId });
    expect(await ghostLeft).toEqual({ peerId: fromA.peerId });
  } finally {
    micA.stop();
    micB.stop();
    heardByMoved.close();
    heardByStaying.close();
  }
});
