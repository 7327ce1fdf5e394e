import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { livePeerOf } from '../../server/sfu/rooms';
import { receiverOf } from '../../server/interpretation/receivers';
import { addMember, createEventWithSession, createUser, nextEvent, send, type TestSocket, type TestUser } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { opusParameters } from '../fixtures/media';
import { assignInterpreter, channelOf, channelsWhere, configureLanguages, interpret, joinWithChannels } from '../fixtures/interpretation';

/** An English-floor meeting interpreted into Indonesian (two interpreters) and Vietnamese (one). */
const testServer = useTestServer();
const { as } = testServer;

async function interpretedSession() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  const people: Record<string, TestUser> = {};
  for (const [name, role] of [
    ['idA', 'participant'],
    ['idB', 'participant'],
    ['vi', 'participant'],
    ['listener1', 'participant'],
    ['listener2', 'participant'],
    ['moderator', 'moderator'],
  ] as const) {
    people[name] = await createUser(name);
    await addMember(event.id, people[name]!, role);
  }
  const org = await as(organizer);
  await configureLanguages(org, session.id, 'en', ['id', 'vi']);
  await assignInterpreter(org, session.id, people.idA!.id, 'id');
  await assignInterpreter(org, session.id, people.idB!.id, 'id');
  await assignInterpreter(org, session.id, people.vi!.id, 'vi');
  return { organizer, org, event, session, people: people as Record<'idA' | 'idB' | 'vi' | 'listener1' | 'listener2' | 'moderator', TestUser> };
}

const code = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error!.code);

describe('language setup', () => {
  it('lets organizers and moderators set languages, not participants; the floor never doubles as a channel', async () => {
    const { session, people, org } = await interpretedSession();
    const participant = await as(people.listener1);
    const refused = await send(participant, 'interpretation:configure', { sessionId: session.id, floorLanguage: 'en', languages: ['th'] });
    expect(code(refused)).toBe('forbidden');
    expect((await send(org, 'interpretation:setup', { sessionId: session.id })).ok && true).toBe(true);
    const mod = await as(people.moderator);
    const set = await send(mod, 'interpretation:configure', { sessionId: session.id, floorLanguage: 'en', languages: ['id', 'en', 'vi', 'th', 'id'] });
    expect(set.ok && set.data.languages).toEqual(['id', 'vi', 'th']);
    const seen = await send(participant, 'interpretation:setup', { sessionId: session.id });
    expect(seen.ok && { languages: seen.data.languages, members: seen.data.members }).toEqual({ languages: ['id', 'vi', 'th'], members: [] });
  });

  it.each([
    ['a language name instead of a code', { floorLanguage: 'English', languages: [] }],
    ['a code with a script in the wrong case', { floorLanguage: 'en', languages: ['ID'] }],
    ['more than eight languages', { floorLanguage: 'en', languages: ['id', 'vi', 'th', 'ms', 'tl', 'km', 'lo', 'my', 'zh'] }],
  ])('refuses %s with invalid_payload', async (_label, patch) => {
    const { session, org } = await interpretedSession();
    expect(code(await send(org, 'interpretation:configure', { sessionId: session.id, ...patch }))).toBe('invalid_payload');
  });

  it('allows two interpreters per language, refuses a third and a language not offered', async () => {
    const { session, org, people } = await interpretedSession();
    const third = await send(org, 'interpretation:assign', { sessionId: session.id, userId: people.listener1.id, language: 'id', assigned: true });
    expect(code(third)).toBe('conflict');
    const notOffered = await send(org, 'interpretation:assign', { sessionId: session.id, userId: people.listener1.id, language: 'th', assigned: true });
    expect(code(notOffered)).toBe('conflict');
    const outsider = await createUser('Outsider');
    const stranger = await send(org, 'interpretation:assign', { sessionId: session.id, userId: outsider.id, language: 'vi', assigned: true });
    expect(code(stranger)).toBe('not_found');
    const participant = await as(people.listener1);
    const selfAssign = await send(participant, 'interpretation:assign', { sessionId: session.id, userId: people.listener1.id, language: 'vi', assigned: true });
    expect(code(selfAssign)).toBe('forbidden');
  });
});

describe('channel routing', () => {
  it('sends each listener only the channel chosen; switching swaps the consumer; interpreters never reach the floor', async () => {
    const { session, people } = await interpretedSession();
    const idA = await as(people.idA);
    const vi = await as(people.vi);
    const l1 = await as(people.listener1);
    const l2 = await as(people.listener2);
    const a = await joinWithChannels(idA, session.id);
    expect(a.floorLanguage).toBe('en');
    expect(a.interpreting).toEqual(['id']);
    const v = await joinWithChannels(vi, session.id);
    const one = await joinWithChannels(l1, session.id);
    const two = await joinWithChannels(l2, session.id);
    expect(one.interpreting).toEqual([]);
    const idChannel = channelOf(one.channels, 'id');
    const viChannel = channelOf(one.channels, 'vi');
    // The channel ids are the same for everyone in the room.
    expect(channelOf(two.channels, 'id')).toBe(idChannel);

    const added: string[] = [];
    l1.on('media:producer-added', (p) => added.push(p.producerId));
    const aVoice = await interpret(idA, idChannel, a.sendTransportId, 1001);
    expect(aVoice.ok && aVoice.data.holding).toBe(true);
    expect(code(await interpret(vi, viChannel, v.sendTransportId, 1002))).toBe('ok');

    const heard1 = await send(l1, 'interpretation:listen', { channelId: idChannel });
    const heard2 = await send(l2, 'interpretation:listen', { channelId: viChannel });
    if (!heard1.ok || !heard1.data.consumer || !heard2.ok || !heard2.data.consumer) throw new Error('listen failed');
    const peer1 = livePeerOf(l1.id!)!.peer;
    const consumersOf = (socket: TestSocket) => [...livePeerOf(socket.id!)!.peer.consumers.values()];
    // One consumer each, on the chosen language's channel producer only.
    expect(consumersOf(l1).map((c) => (c.appData as { language?: string }).language)).toEqual(['id']);
    expect(consumersOf(l2).map((c) => (c.appData as { language?: string }).language)).toEqual(['vi']);
    expect(heard1.data.consumer.producerId).not.toBe(heard2.data.consumer.producerId);
    expect(code(await send(l1, 'media:resume-consumer', { consumerId: heard1.data.consumer.consumerId }))).toBe('ok');

    const switched = await send(l1, 'interpretation:listen', { channelId: viChannel });
    if (!switched.ok || !switched.data.consumer) throw new Error('switch failed');
    expect(peer1.consumers.has(heard1.data.consumer.consumerId)).toBe(false);
    expect(consumersOf(l1).map((c) => c.producerId)).toEqual([heard2.data.consumer.producerId]);

    const floorOnly = await send(l1, 'interpretation:listen', { channelId: null });
    expect(floorOnly.ok && floorOnly.data.consumer).toBeNull();
    expect(consumersOf(l1)).toEqual([]);

    // A microphone published after the interpreters is the first (and only) stream announced to the listener:
    // the interpreters' producers were never announced as floor audio. Events on one socket arrive in order.
    const speaker = await as(people.moderator);
    const s = await joinWithChannels(speaker, session.id);
    const announced = nextEvent(l1, 'media:producer-added');
    const mic = await send(speaker, 'media:produce', { transportId: s.sendTransportId, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(1003) });
    if (!mic.ok) throw new Error(mic.error.message);
    expect((await announced).producerId).toBe(mic.data.producerId);
    expect(added).toEqual([mic.data.producerId]);
    expect(s.joined.producers).toEqual([]);
  });

  it('hands the channel over to the partner while the listeners keep their consumer', async () => {
    const { session, people } = await interpretedSession();
    const idA = await as(people.idA);
    const idB = await as(people.idB);
    const l1 = await as(people.listener1);
    const a = await joinWithChannels(idA, session.id);
    const b = await joinWithChannels(idB, session.id);
    const one = await joinWithChannels(l1, session.id);
    const idChannel = channelOf(one.channels, 'id');
    expect(code(await interpret(idA, idChannel, a.sendTransportId, 2001))).toBe('ok');
    const bVoice = await interpret(idB, idChannel, b.sendTransportId, 2002);
    expect(bVoice.ok && bVoice.data.holding).toBe(false);
    const heard = await send(l1, 'interpretation:listen', { channelId: idChannel });
    if (!heard.ok || !heard.data.consumer) throw new Error('listen failed');
    const consumer = livePeerOf(l1.id!)!.peer.consumers.get(heard.data.consumer.consumerId)!;

    // Only the holder hands over.
    expect(code(await send(idB, 'interpretation:hand-over', { channelId: idChannel }))).toBe('conflict');
    const changed = channelsWhere(l1, (n) => n.channels.some((c) => c.holderUserId === people.idB.id));
    const handed = await send(idA, 'interpretation:hand-over', { channelId: idChannel });
    expect(handed.ok && handed.data.holderUserId).toBe(people.idB.id);
    expect((await changed).channels.find((c) => c.language === 'id')?.holderUserId).toBe(people.idB.id);
    expect(consumer.closed).toBe(false);
    expect(consumer.producerId).toBe(heard.data.consumer.producerId);

    // The holder leaves: the partner (A) takes the channel; still the same consumer for the listener.
    const taken = channelsWhere(l1, (n) => n.channels.some((c) => c.language === 'id' && c.holderUserId === people.idA.id));
    idB.disconnect();
    expect((await taken).channels.find((c) => c.language === 'id')?.holderUserId).toBe(people.idA.id);
    expect(consumer.closed).toBe(false);
  });

  it('mutes the interpreter (cough) and shows the channel as not live', async () => {
    const { session, people } = await interpretedSession();
    const idA = await as(people.idA);
    const l1 = await as(people.listener1);
    const a = await joinWithChannels(idA, session.id);
    await joinWithChannels(l1, session.id);
    const idChannel = channelOf(a.channels, 'id');
    await interpret(idA, idChannel, a.sendTransportId, 3001);
    const quiet = channelsWhere(l1, (n) => n.channels.some((c) => c.language === 'id' && !c.live && c.holderUserId === people.idA.id));
    expect(code(await send(idA, 'interpretation:mute', { channelId: idChannel, muted: true }))).toBe('ok');
    await quiet;
    // A listener cannot mute an interpreter.
    expect(code(await send(l1, 'interpretation:mute', { channelId: idChannel, muted: false }))).toBe('forbidden');
  });
});

describe('channel permissions', () => {
  it('refuses a participant publishing into a channel, and an interpreter publishing into another language', async () => {
    const { session, people } = await interpretedSession();
    const l1 = await as(people.listener1);
    const vi = await as(people.vi);
    const one = await joinWithChannels(l1, session.id);
    const v = await joinWithChannels(vi, session.id);
    expect(code(await interpret(l1, channelOf(one.channels, 'id'), one.sendTransportId, 4001))).toBe('forbidden');
    expect(code(await interpret(vi, channelOf(v.channels, 'id'), v.sendTransportId, 4002))).toBe('forbidden');
    // Nothing was produced by either.
    expect(livePeerOf(l1.id!)!.peer.transports.get(one.sendTransportId)).toBeDefined();
    const anyProducer = [...livePeerOf(vi.id!)!.peer.producers.values()];
    expect(anyProducer).toEqual([]);
  });

  it('refuses a listener naming a channel of another session: not found', async () => {
    const first = await interpretedSession();
    const second = await interpretedSession();
    const here = await as(first.people.listener1);
    const there = await as(second.people.listener1);
    const mine = await joinWithChannels(here, first.session.id);
    await joinWithChannels(there, second.session.id);
    const foreign = await send(there, 'interpretation:listen', { channelId: channelOf(mine.channels, 'id') });
    expect(code(foreign)).toBe('not_found');
    expect(livePeerOf(there.id!)!.peer.consumers.size).toBe(0);
  });

  it.each([
    ['interpretation:listen', { channelId: 'not-a-uuid' }],
    ['interpretation:produce', { channelId: randomUUID(), transportId: 'x', rtpParameters: { codecs: [], encodings: [] } }],
    ['interpretation:hand-over', {}],
    ['interpretation:assign', { sessionId: randomUUID(), userId: randomUUID(), language: 'indonesian', assigned: true }],
  ])('%s with a bad payload gets invalid_payload', async (name, payload) => {
    const s = await as(await createUser());
    expect(code(await send(s, name as 'interpretation:listen', payload))).toBe('invalid_payload');
  });

  it('answers an unknown channel id with not_found', async () => {
    const { session, people } = await interpretedSession();
    const l1 = await as(people.listener1);
    await joinWithChannels(l1, session.id);
    expect(code(await send(l1, 'interpretation:listen', { channelId: randomUUID() }))).toBe('not_found');
  });
});

describe('hall phones as receivers', () => {
  it('receives one channel on a receive-only transport without becoming a peer of the room; switching swaps the consumer', async () => {
    const { session, people } = await interpretedSession();
    const phone = await as(people.listener2);
    // Before anyone is in the live room there is nothing to hear yet.
    expect(code(await send(phone, 'interpretation:receive', { sessionId: session.id }))).toBe('conflict');

    const idA = await as(people.idA);
    const a = await joinWithChannels(idA, session.id);
    await interpret(idA, channelOf(a.channels, 'id'), a.sendTransportId, 5001);
    const joinedBefore = livePeerOf(idA.id!)!.room.peers.size;

    const received = await send(phone, 'interpretation:receive', { sessionId: session.id });
    if (!received.ok) throw new Error(received.error.message);
    expect(received.data.floorLanguage).toBe('en');
    expect(received.data.channels.map((c) => c.language)).toEqual(['id', 'vi']);
    expect(received.data.channels.find((c) => c.language === 'id')).toMatchObject({ live: true, holderUserId: people.idA.id });
    // Not a peer: no tile, no floor, nobody told.
    expect(livePeerOf(phone.id!)).toBeUndefined();
    expect(livePeerOf(idA.id!)!.room.peers.size).toBe(joinedBefore);

    const caps = received.data.routerRtpCapabilities;
    const idChannel = channelOf(received.data.channels, 'id');
    const first = await send(phone, 'interpretation:receive-listen', { channelId: idChannel, rtpCapabilities: caps });
    if (!first.ok || !first.data.consumer) throw new Error('receive-listen failed');
    const receiver = receiverOf(phone.id!);
    expect(receiver.consumer?.kind).toBe('audio');
    expect(receiver.consumer?.paused).toBe(false);
    const firstConsumer = receiver.consumer!;
    const second = await send(phone, 'interpretation:receive-listen', { channelId: channelOf(received.data.channels, 'vi'), rtpCapabilities: caps });
    expect(second.ok && second.data.consumer?.producerId).not.toBe(first.data.consumer.producerId);
    expect(firstConsumer.closed).toBe(true);
    expect(receiverOf(phone.id!).consumer?.appData).toMatchObject({ language: 'vi' });

    // The room closes (its last peer leaves): the phone is told, so it can ask again.
    const closed = nextEvent(phone, 'interpretation:receive-closed');
    idA.disconnect();
    await closed;
  });

  it('refuses a channel of another session and a person outside the event', async () => {
    const first = await interpretedSession();
    const second = await interpretedSession();
    const host1 = await as(first.people.moderator);
    const host2 = await as(second.people.moderator);
    const mine = await joinWithChannels(host1, first.session.id);
    await joinWithChannels(host2, second.session.id);
    const phone = await as(second.people.listener2);
    const received = await send(phone, 'interpretation:receive', { sessionId: second.session.id });
    if (!received.ok) throw new Error(received.error.message);
    const foreign = await send(phone, 'interpretation:receive-listen', { channelId: channelOf(mine.channels, 'id'), rtpCapabilities: received.data.routerRtpCapabilities });
    expect(code(foreign)).toBe('not_found');
    const outsider = await as(await createUser('Outsider'));
    expect(code(await send(outsider, 'interpretation:receive', { sessionId: first.session.id }))).toBe('forbidden');
    expect(code(await send(outsider, 'interpretation:receive-listen', { channelId: null, rtpCapabilities: { codecs: 'x' } }))).toBe('invalid_payload');
  });
});

describe('interpreters in breakout rooms', () => {
  it('moves an interpreter into the breakout room they are assigned to, where its members get their own channels', async () => {
    const { session, people, org } = await interpretedSession();
    const idA = await as(people.idA);
    const l1 = await as(people.listener1);
    const l2 = await as(people.listener2);
    const organizerSocket = org;
    // Everyone is in the main room first.
    const main = await joinWithChannels(idA, session.id);
    await joinWithChannels(l1, session.id);
    await joinWithChannels(l2, session.id);
    const opened = await send(organizerSocket, 'breakout:open', {
      sessionId: session.id,
      runId: randomUUID(),
      mode: 'manual',
      rooms: [{ name: 'A' }, { name: 'B' }],
      durationMinutes: 10,
      manual: [
        { userId: people.listener1.id, room: 0 },
        { userId: people.listener2.id, room: 1 },
      ],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const synced = await send(l1, 'breakout:sync', { sessionId: session.id });
    if (!synced.ok || !synced.data.room) throw new Error('no breakout room');
    const roomA = synced.data.room.id;

    // Another session's or an unknown breakout room is refused.
    expect(code(await send(organizerSocket, 'interpretation:assign', { sessionId: session.id, userId: people.idA.id, language: 'id', assigned: true, breakoutRoomId: randomUUID() }))).toBe('not_found');

    const moved = nextEvent(idA, 'media:room-left');
    await assignInterpreter(organizerSocket, session.id, people.idA.id, 'id', roomA);
    expect(await moved).toEqual({ reason: 'moved', roomKey: `breakout:${roomA}` });
    const there = await joinWithChannels(idA, session.id);
    expect(there.joined.roomKey).toBe(`breakout:${roomA}`);
    expect(there.interpreting).toEqual(['id']);
    // The breakout room's channels are its own, not the main room's.
    expect(channelOf(there.channels, 'id')).not.toBe(channelOf(main.channels, 'id'));
    const a = await interpret(idA, channelOf(there.channels, 'id'), there.sendTransportId, 6001);
    expect(code(a)).toBe('ok');

    // A member of room A hears it; a member of room B cannot name room A's channel.
    const inA = await joinWithChannels(l1, session.id);
    expect(inA.joined.roomKey).toBe(`breakout:${roomA}`);
    const heard = await send(l1, 'interpretation:listen', { channelId: channelOf(inA.channels, 'id') });
    expect(heard.ok && heard.data.consumer?.producerId).toBeTruthy();
    const inB = await joinWithChannels(l2, session.id);
    expect(inB.joined.roomKey).not.toBe(`breakout:${roomA}`);
    expect(code(await send(l2, 'interpretation:listen', { channelId: channelOf(inA.channels, 'id') }))).toBe('not_found');
  });
});

describe('interpreters following a breakout room', () => {
  it('an interpreter of the main room whom the breakouts place in a room interprets there; its members choose channels; nobody else may publish', async () => {
    const { session, people, org } = await interpretedSession();
    const vi = await as(people.vi);
    const idA = await as(people.idA);
    const l1 = await as(people.listener1);
    const l2 = await as(people.listener2);
    for (const s of [vi, idA, l1, l2]) await joinWithChannels(s, session.id);
    // Vietnamese interpreter and both listeners in room A (by hand); the Indonesian interpreter is placed in A by the organizer.
    const opened = await send(org, 'breakout:open', {
      sessionId: session.id,
      runId: randomUUID(),
      mode: 'manual',
      rooms: [{ name: 'A' }],
      durationMinutes: 10,
      manual: [
        { userId: people.vi.id, room: 0 },
        { userId: people.listener1.id, room: 0 },
        { userId: people.listener2.id, room: 0 },
      ],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const synced = await send(l1, 'breakout:sync', { sessionId: session.id });
    if (!synced.ok || !synced.data.room) throw new Error('no breakout room');
    const roomA = synced.data.room.id;
    await assignInterpreter(org, session.id, people.idA.id, 'id', roomA);

    const viThere = await joinWithChannels(vi, session.id);
    expect(viThere.joined.roomKey).toBe(`breakout:${roomA}`);
    // Follows the room: a main-room interpreter, interpreting in the room the breakouts put them in.
    expect(viThere.interpreting).toEqual(['vi']);
    const idThere = await joinWithChannels(idA, session.id);
    expect(idThere.joined.roomKey).toBe(`breakout:${roomA}`);
    expect(idThere.interpreting).toEqual(['id']);
    expect(code(await interpret(vi, channelOf(viThere.channels, 'vi'), viThere.sendTransportId, 7001))).toBe('ok');
    expect(code(await interpret(idA, channelOf(idThere.channels, 'id'), idThere.sendTransportId, 7002))).toBe('ok');
    // Into another language of the room: refused.
    expect(code(await interpret(vi, channelOf(viThere.channels, 'id'), viThere.sendTransportId, 7003))).toBe('forbidden');

    // Two members choose different languages: each gets a consumer of that room's channel only.
    const m1 = await joinWithChannels(l1, session.id);
    const m2 = await joinWithChannels(l2, session.id);
    expect(m1.joined.roomKey).toBe(`breakout:${roomA}`);
    const one = await send(l1, 'interpretation:listen', { channelId: channelOf(m1.channels, 'id') });
    const two = await send(l2, 'interpretation:listen', { channelId: channelOf(m2.channels, 'vi') });
    if (!one.ok || !two.ok || !one.data.consumer || !two.data.consumer) throw new Error('listen failed');
    expect(one.data.consumer.producerId).not.toBe(two.data.consumer.producerId);
    const peer1 = livePeerOf(l1.id!)!.peer;
    const peer2 = livePeerOf(l2.id!)!.peer;
    const channelConsumers = (p: typeof peer1) => [...p.consumers.values()].filter((c) => (c.appData as { source?: string }).source === 'interpretation');
    expect(channelConsumers(peer1).map((c) => (c.appData as { language: string }).language)).toEqual(['id']);
    expect(channelConsumers(peer2).map((c) => (c.appData as { language: string }).language)).toEqual(['vi']);
    // A member cannot publish into a channel; bad channel ids and language codes get the contract's error ack.
    expect(code(await interpret(l1, channelOf(m1.channels, 'id'), m1.sendTransportId, 7004))).toBe('forbidden');
    expect(code(await send(l1, 'interpretation:listen', { channelId: 'not-a-uuid' }))).toBe('invalid_payload');
    expect(code(await send(org, 'interpretation:assign', { sessionId: session.id, userId: people.idB.id, language: 'xx-not-a-language', assigned: true, breakoutRoomId: roomA }))).toBe('invalid_payload');
    expect(code(await send(org, 'interpretation:assign', { sessionId: session.id, userId: people.idB.id, language: 'id', assigned: true, breakoutRoomId: 'room-a' }))).toBe('invalid_payload');
    // A moderator may place interpreters; a participant may not.
    expect(code(await send(l1, 'interpretation:assign', { sessionId: session.id, userId: people.idB.id, language: 'id', assigned: true, breakoutRoomId: roomA }))).toBe('forbidden');
    const mod = await as(people.moderator);
    expect(code(await send(mod, 'interpretation:assign', { sessionId: session.id, userId: people.idB.id, language: 'id', assigned: true, breakoutRoomId: roomA }))).toBe('ok');

    // Another session's breakout room is refused.
    const other = await interpretedSession();
    expect(code(await send(other.org, 'interpretation:assign', { sessionId: other.session.id, userId: other.people.idA.id, language: 'id', assigned: true, breakoutRoomId: roomA }))).toBe('not_found');
  });
});
