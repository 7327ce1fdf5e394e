import { describe, expect, it } from 'vitest';
import { livePeerOf } from '../../server/sfu/rooms';
import { addMember, createEventWithSession, createUser, nextEvent, send } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia } from '../fixtures/media';

const testServer = useTestServer();
const { as } = testServer;

async function meetingRoom() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  const moderator = await createUser('Moderator');
  const participant = await createUser('Participant');
  const speaker = await createUser('Speaker');
  await addMember(event.id, moderator, 'moderator');
  await addMember(event.id, participant, 'participant');
  await addMember(event.id, speaker, 'presenter');
  const m = await as(moderator);
  const p = await as(participant);
  const s = await as(speaker);
  await joinMedia(m, session.id);
  await joinMedia(p, session.id);
  const spoken = await joinMedia(s, session.id);
  return { session, m, p, s, speakerPeerId: spoken.peerId, organizer };
}

describe('media:set-spotlight', () => {
  it.each([
    ['a missing peer id', {}],
    ['a number', { peerId: 42 }],
    ['an empty id', { peerId: '' }],
    ['a 100-character id', { peerId: 'x'.repeat(100) }],
  ])('rejects %s with invalid_payload', async (_label, payload) => {
    const { m } = await meetingRoom();
    const ack = await send(m, 'media:set-spotlight', payload);
    expect(ack).toEqual({ ok: false, error: { code: 'invalid_payload', message: expect.any(String) } });
  });

  it('refuses a participant (forbidden) and nothing changes for anyone', async () => {
    const { m, p, s, speakerPeerId } = await meetingRoom();
    const ack = await send(p, 'media:set-spotlight', { peerId: speakerPeerId });
    expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    expect(livePeerOf(p.id!)!.room.spotlightPeerId).toBeNull();
    // Notices to one socket arrive in order: the first spotlight notice anyone sees is the moderator's null → speaker.
    const seen = nextEvent(s, 'media:spotlight-changed');
    expect((await send(m, 'media:set-spotlight', { peerId: speakerPeerId })).ok).toBe(true);
    expect(await seen).toEqual({ peerId: speakerPeerId });
  });

  it('a moderator spotlights someone: the room is told, late joiners get it, and it ends when that person leaves', async () => {
    const { session, m, p, s, speakerPeerId, organizer } = await meetingRoom();
    const toParticipant = nextEvent(p, 'media:spotlight-changed');
    const toSpeaker = nextEvent(s, 'media:spotlight-changed');
    const toModerator = nextEvent(m, 'media:spotlight-changed');
    expect(await send(m, 'media:set-spotlight', { peerId: speakerPeerId })).toEqual({ ok: true, data: {} });
    expect(await toParticipant).toEqual({ peerId: speakerPeerId });
    expect(await toSpeaker).toEqual({ peerId: speakerPeerId });
    expect(await toModerator).toEqual({ peerId: speakerPeerId });

    const late = await as(organizer);
    expect((await joinMedia(late, session.id)).spotlightPeerId).toBe(speakerPeerId);

    const cleared = nextEvent(p, 'media:spotlight-changed');
    expect((await send(s, 'media:leave', {})).ok).toBe(true);
    expect(await cleared).toEqual({ peerId: null });
    expect(livePeerOf(p.id!)!.room.spotlightPeerId).toBeNull();
  });

  it('refuses a peer that is not in the caller’s room (not_found)', async () => {
    const { m } = await meetingRoom();
    const ack = await send(m, 'media:set-spotlight', { peerId: 'not-a-peer-here' });
    expect(ack.ok ? null : ack.error.code).toBe('not_found');
  });
});
