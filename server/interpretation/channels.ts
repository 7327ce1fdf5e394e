import type { Channel } from '../../lib/contracts/interpretation';
import { sessionLanguagesOf } from '../../lib/db/queries/interpretation';
import { normaliseLanguages } from '../../lib/domain/languages';
import { notFound } from '../../lib/errors';
import type { LivePeer, LiveRoom } from '../sfu/live-room';
import { InterpretationChannel } from './channel';

/**
 * The interpretation channels of each live room, kept beside the room (not in
 * it): created from the session's languages in the database when someone asks,
 * closed with the room. Also which channel each listener consumes, so choosing
 * another language closes the old consumer and only the chosen channel is sent.
 */

interface RoomChannels {
  floorLanguage: string | null;
  channels: Map<string, InterpretationChannel>;
  /** Serialises syncs per room so two requests never create the same channel twice. */
  syncing: Promise<unknown>;
}

export type ChannelsNotice = { floorLanguage: string | null; channels: Channel[] };
type Notify = (room: LiveRoom, notice: ChannelsNotice) => void;

const KEY = Symbol.for('balai.interpretation.channels');
interface Registry {
  byRoom: WeakMap<LiveRoom, RoomChannels>;
  /** peerId → the consumer id of the channel that peer listens to. */
  listening: Map<string, { channelId: string; consumerId: string }>;
  notify?: Notify;
}
const registry: Registry = ((globalThis as { [KEY]?: Registry })[KEY] ??= { byRoom: new WeakMap(), listening: new Map() });

export function attachInterpretation(notify: Notify | undefined): void {
  registry.notify = notify;
}

function entryOf(room: LiveRoom): RoomChannels {
  let entry = registry.byRoom.get(room);
  if (!entry) {
    const created: RoomChannels = { floorLanguage: null, channels: new Map(), syncing: Promise.resolve() };
    entry = created;
    registry.byRoom.set(room, created);
    room.onClose(() => {
      for (const c of created.channels.values()) c.close();
      created.channels.clear();
    });
  }
  return entry;
}

export function channelList(room: LiveRoom): ChannelsNotice {
  const entry = entryOf(room);
  return {
    floorLanguage: entry.floorLanguage,
    channels: [...entry.channels.values()].map((c) => ({ channelId: c.id, language: c.language, live: c.live, holderUserId: c.holderUserId })),
  };
}

function announce(room: LiveRoom): void {
  if (!room.closed) registry.notify?.(room, channelList(room));
}

/** Makes the room's channels match the session's languages in the database; returns them. */
export function syncChannels(room: LiveRoom): Promise<Map<string, InterpretationChannel>> {
  const entry = entryOf(room);
  const next = entry.syncing.then(async () => {
    const setup = await sessionLanguagesOf(room.sessionId);
    const wanted = setup ? normaliseLanguages(setup.floorLanguage, setup.languages) : [];
    let changed = entry.floorLanguage !== (setup?.floorLanguage ?? null);
    entry.floorLanguage = setup?.floorLanguage ?? null;
    for (const [language, channel] of [...entry.channels]) {
      if (wanted.includes(language) && !channel.closed) continue;
      channel.close();
      entry.channels.delete(language);
      changed = true;
    }
    for (const language of wanted) {
      if (entry.channels.has(language) || room.closed) continue;
      entry.channels.set(language, await InterpretationChannel.create(room, language, () => announce(room)));
      changed = true;
    }
    if (changed) announce(room);
    return entry.channels;
  });
  entry.syncing = next.catch(() => undefined);
  return next;
}

/** A channel of this room only: an id from another room or session is simply not found. */
export async function findChannel(room: LiveRoom, channelId: string): Promise<InterpretationChannel> {
  const channels = await syncChannels(room);
  for (const c of channels.values()) if (c.id === channelId) return c;
  throw notFound('channel');
}

/** Makes `peer` a listener of `channel` (or of nothing): the old channel consumer closes. */
export async function listen(room: LiveRoom, peer: LivePeer, channel: InterpretationChannel | null) {
  const before = registry.listening.get(peer.peerId);
  if (before) {
    peer.consumers.get(before.consumerId)?.close();
    registry.listening.delete(peer.peerId);
  }
  if (!channel) return null;
  const consumer = await room.consumeStream(peer, channel.producer, { source: 'interpretation', language: channel.language });
  registry.listening.set(peer.peerId, { channelId: channel.id, consumerId: consumer.id });
  consumer.observer.once('close', () => {
    if (registry.listening.get(peer.peerId)?.consumerId === consumer.id) registry.listening.delete(peer.peerId);
  });
  return consumer;
}

export function listeningTo(peerId: string): string | null {
  return registry.listening.get(peerId)?.channelId ?? null;
}
