import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { types } from 'mediasoup';
import type { IngestStatus } from '../../lib/contracts/streaming';
import { liveRoomsOfSession } from '../sfu/rooms';
import { joinStageAsSource, type StagePeer } from './stage-source';
import { OfferError, planOffer, readOffer, writeAnswer } from './whip-sdp';

/**
 * A session's WHIP input (RFC 9725): the hall's mixer (OBS 30+, vMix, a hardware encoder) POSTs
 * an SDP offer with the session's bearer token to /whip/<session>; Balai answers from a mediasoup
 * WebRtcTransport of a server-side peer on the stage, so the mixer's WebRTC feed becomes the
 * stage's camera and microphone like the RTMP input's. DELETE on the returned resource stops it.
 *
 * One publisher at a time: a new POST (the mixer reconnecting) replaces the old one. A publisher
 * whose media never connects, or whose ICE consent stops (mediasoup's consent timeout), leaves the
 * stage and the input waits again; the session goes on. The token is a secret: it is compared in
 * constant time and never logged.
 */

export type WhipListener = (sessionId: string, status: IngestStatus) => void;

/** An HTTP answer for the route: the status code and a plain-text reason (never a secret). */
export class WhipRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 503,
    message: string,
  ) {
    super(message);
  }
}

/** How long a publisher has between the answer and a connected DTLS session (tests shorten it). */
let connectTimeoutMs = 20_000;
export function setWhipConnectTimeout(ms: number): void {
  connectTimeoutMs = ms;
}

interface Publisher {
  resourceId: string;
  stage: StagePeer;
  transport: types.WebRtcTransport;
  timer?: NodeJS.Timeout;
  closed: boolean;
}

interface WhipInput {
  sessionId: string;
  owner: { userId: string; name: string };
  token: string;
  status: IngestStatus;
  publisher?: Publisher;
  /** Publishes run one at a time per input, so two POSTs cannot both end up on the stage. */
  queue: Promise<unknown>;
}

const KEY = Symbol.for('balai.whip');
interface Registry {
  inputs: Map<string, WhipInput>;
  listener?: WhipListener;
}
const registry: Registry = ((globalThis as { [KEY]?: Registry })[KEY] ??= { inputs: new Map() });

export function setWhipListener(listener: WhipListener | undefined): void {
  registry.listener = listener;
}

function set(input: WhipInput, status: IngestStatus): void {
  if (input.status.state === status.state && input.status.error === status.error) return;
  input.status = status;
  registry.listener?.(input.sessionId, status);
}

export function whipOf(sessionId: string): Pick<WhipInput, 'token' | 'status'> | undefined {
  return registry.inputs.get(sessionId);
}

export function enableWhip(sessionId: string, owner: { userId: string; name: string }): Pick<WhipInput, 'token' | 'status'> {
  let input = registry.inputs.get(sessionId);
  if (!input) {
    input = { sessionId, owner, token: randomBytes(24).toString('base64url'), status: { state: 'off', error: null }, queue: Promise.resolve() };
    registry.inputs.set(sessionId, input);
    set(input, { state: 'waiting', error: null });
  }
  return input;
}

export async function disableWhip(sessionId: string): Promise<void> {
  const input = registry.inputs.get(sessionId);
  if (!input) return;
  registry.inputs.delete(sessionId);
  if (input.publisher) closePublisher(input, input.publisher, null);
  set(input, { state: 'off', error: null });
}

export async function disableAllWhip(): Promise<void> {
  for (const id of [...registry.inputs.keys()]) await disableWhip(id);
}

function tokenMatches(input: WhipInput, authorization: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(input.token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The input of a session for a request bearing `authorization`; unknown sessions and closed inputs answer alike. */
function authorized(sessionId: string, authorization: string | undefined): WhipInput {
  const input = registry.inputs.get(sessionId);
  if (!input) throw new WhipRefusal(404, 'No WHIP input is open for this session.');
  if (!tokenMatches(input, authorization)) {
    console.warn(`[whip ${sessionId}] refused a request with a missing or wrong token`);
    // Staff see that someone tried; while a publisher is live the stage keeps its state.
    if (!input.publisher) set(input, { state: 'error', error: 'wrong-key' });
    throw new WhipRefusal(401, 'The bearer token is missing or wrong.');
  }
  return input;
}

/** Takes the stage off a publisher: its peer leaves (transports and producers close) and, unless replaced, the input waits again. */
function closePublisher(input: WhipInput, publisher: Publisher, error: string | null): void {
  if (publisher.closed) return;
  publisher.closed = true;
  if (publisher.timer) clearTimeout(publisher.timer);
  publisher.stage.leave();
  if (input.publisher !== publisher) return;
  input.publisher = undefined;
  if (registry.inputs.get(input.sessionId) === input) set(input, { state: error ? 'error' : 'waiting', error });
  if (error) console.warn(`[whip ${input.sessionId}] publisher ${publisher.resourceId} left the stage: ${error}`);
}

/** POST: an SDP offer in, the SDP answer and the new resource's id out. */
export async function publish(sessionId: string, authorization: string | undefined, sdp: string): Promise<{ resourceId: string; answer: string }> {
  const input = authorized(sessionId, authorization);
  let offer: ReturnType<typeof readOffer>;
  try {
    offer = readOffer(sdp);
  } catch (err) {
    if (err instanceof OfferError) {
      set(input, input.publisher ? input.status : { state: 'error', error: 'bad-offer' });
      throw new WhipRefusal(400, err.message);
    }
    throw err;
  }
  const run = input.queue.then(() => takeStage(input, offer));
  input.queue = run.catch(() => undefined);
  return run;
}

async function takeStage(input: WhipInput, offer: ReturnType<typeof readOffer>): Promise<{ resourceId: string; answer: string }> {
  if (registry.inputs.get(input.sessionId) !== input) throw new WhipRefusal(404, 'No WHIP input is open for this session.');
  // An offer with nothing Balai takes is refused before anyone sees a mixer join and leave (every
  // router of a room has the same capabilities; with no room yet, nobody would see it anyway).
  const room = liveRoomsOfSession(input.sessionId)[0];
  if (room) {
    try {
      planOffer(offer, room.router.rtpCapabilities);
    } catch (err) {
      if (!(err instanceof OfferError)) throw err;
      set(input, input.publisher ? input.status : { state: 'error', error: 'bad-offer' });
      throw new WhipRefusal(400, err.message);
    }
  }
  // The mixer reconnecting without a DELETE: the newest publisher takes the stage.
  if (input.publisher) closePublisher(input, input.publisher, null);
  let stage: StagePeer;
  try {
    stage = await joinStageAsSource(input.sessionId, input.owner);
  } catch (err) {
    console.error(`[whip ${input.sessionId}] could not join the live room`, err);
    set(input, { state: 'error', error: 'failed' });
    throw new WhipRefusal(503, 'Live media is not available on this server right now.');
  }
  try {
    const plan = planOffer(offer, stage.peer.router.rtpCapabilities);
    const transport = await stage.room.createTransport(stage.peer, 'send');
    await transport.connect({ dtlsParameters: offer.dtls });
    for (const section of plan.sections) {
      if (!section) continue;
      await stage.room.produce(stage.peer, transport.id, section.kind, section.kind === 'audio' ? 'microphone' : 'camera', section.rtpParameters, false);
    }
    const publisher: Publisher = { resourceId: randomUUID(), stage, transport, closed: false };
    const answer = writeAnswer(offer, plan, transport);
    input.publisher = publisher;
    watch(input, publisher);
    set(input, { state: 'waiting', error: null });
    return { resourceId: publisher.resourceId, answer };
  } catch (err) {
    stage.leave();
    if (err instanceof OfferError) {
      set(input, { state: 'error', error: 'bad-offer' });
      throw new WhipRefusal(400, err.message);
    }
    // mediasoup refusing the parameters (an SSRC clash, a codec it would not take) is the offer's fault too.
    if (err instanceof TypeError || (err instanceof Error && /rtpParameters|codec|ssrc|UnsupportedError/i.test(`${err.name} ${err.message}`))) {
      set(input, { state: 'error', error: 'bad-offer' });
      throw new WhipRefusal(400, `the offer's media could not be taken: ${err.message}`);
    }
    console.error(`[whip ${input.sessionId}] publishing failed`, err);
    set(input, { state: 'error', error: 'failed' });
    throw new WhipRefusal(503, 'The input could not take this publisher.');
  }
}

/** Live once DTLS connects; gone when DTLS fails or closes, ICE consent stops, or nothing connects in time. */
function watch(input: WhipInput, publisher: Publisher): void {
  const { transport } = publisher;
  publisher.timer = setTimeout(() => closePublisher(input, publisher, 'no-media'), connectTimeoutMs);
  transport.on('dtlsstatechange', (state) => {
    if (state === 'connected') {
      if (publisher.timer) clearTimeout(publisher.timer);
      publisher.timer = undefined;
      if (input.publisher === publisher) set(input, { state: 'live', error: null });
    } else if (state === 'failed' || state === 'closed') closePublisher(input, publisher, 'disconnected');
  });
  transport.on('icestatechange', (state) => {
    if (state === 'disconnected' || state === 'closed') closePublisher(input, publisher, 'disconnected');
  });
  // The router closed under it (its worker died): the stage peer is gone already.
  transport.observer.once('close', () => closePublisher(input, publisher, 'disconnected'));
}

/** DELETE: the publisher ends its session. */
export async function unpublish(sessionId: string, authorization: string | undefined, resourceId: string): Promise<void> {
  const input = authorized(sessionId, authorization);
  await input.queue;
  const publisher = input.publisher;
  if (!publisher || publisher.resourceId !== resourceId) throw new WhipRefusal(404, 'No such WHIP session.');
  closePublisher(input, publisher, null);
}

/** Whether a publisher is on the stage now (tests and the status view). */
export function whipPublisherPeerId(sessionId: string): string | undefined {
  return registry.inputs.get(sessionId)?.publisher?.stage.peer.peerId;
}
