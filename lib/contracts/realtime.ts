import { z } from 'zod';
import type { Ack } from './define';
import { notice } from './define';
import { presenceClientEvents, presenceServerEvents } from './presence';
import { sessionClientEvents, sessionServerEvents } from './session-live';
import { qaClientEvents, qaServerEvents } from './qa';
import { mediaClientEvents, mediaServerEvents } from './media';
import { chatClientEvents, chatServerEvents } from './chat';
import { attendanceClientEvents, attendanceServerEvents } from './attendance';
import { breakoutClientEvents, breakoutServerEvents } from './breakouts';
import { planClientEvents, planServerEvents } from './plans';
import { pollClientEvents, pollServerEvents } from './polls';
import { displayClientEvents, displayServerEvents } from './display';
import { reactionClientEvents, reactionServerEvents } from './reactions';
import { lobbyClientEvents, lobbyServerEvents } from './lobby';
import { handClientEvents, handServerEvents } from './hands';
import { nodeServerEvents } from './node';
import { recordingClientEvents, recordingServerEvents } from './recording';
import { streamingClientEvents, streamingServerEvents } from './streaming';
import { watcherClientEvents, watcherServerEvents } from './watchers';
import { interpretationClientEvents, interpretationServerEvents } from './interpretation';
import { captionClientEvents, captionServerEvents } from './captions';
import { ERROR_CODES } from './error-codes';

/**
 * The realtime contract: every Socket.IO event, once. Server handlers and the
 * browser client derive their types from these objects, and the server parses
 * every payload with the schema here. Add a domain by writing its own contract
 * file and spreading it in below.
 */
export const clientEvents = {
  ...breakoutClientEvents,
  ...presenceClientEvents,
  ...sessionClientEvents,
  ...qaClientEvents,
  ...mediaClientEvents,
  ...chatClientEvents,
  ...attendanceClientEvents,
  ...planClientEvents,
  ...pollClientEvents,
  ...displayClientEvents,
  ...reactionClientEvents,
  ...lobbyClientEvents,
  ...handClientEvents,
  ...recordingClientEvents,
  ...streamingClientEvents,
  ...watcherClientEvents,
  ...interpretationClientEvents,
  ...captionClientEvents,
};

export const serverEvents = {
  ...breakoutServerEvents,
  ...presenceServerEvents,
  ...sessionServerEvents,
  ...qaServerEvents,
  ...mediaServerEvents,
  ...chatServerEvents,
  ...attendanceServerEvents,
  ...planServerEvents,
  ...pollServerEvents,
  ...displayServerEvents,
  ...reactionServerEvents,
  ...lobbyServerEvents,
  ...handServerEvents,
  ...nodeServerEvents,
  ...recordingServerEvents,
  ...streamingServerEvents,
  ...watcherServerEvents,
  ...interpretationServerEvents,
  ...captionServerEvents,
  /** Sent when a request could not be answered through an ack (the client sent none). */
  'request:rejected': notice(z.object({ event: z.string(), code: z.enum(ERROR_CODES), message: z.string() })),
};

export type ClientEventName = keyof typeof clientEvents;
export type ServerEventName = keyof typeof serverEvents;
export type ClientPayload<K extends ClientEventName> = z.input<(typeof clientEvents)[K]['payload']>;
export type ParsedClientPayload<K extends ClientEventName> = z.output<(typeof clientEvents)[K]['payload']>;
export type ClientResult<K extends ClientEventName> = z.output<(typeof clientEvents)[K]['result']>;
export type ServerEventPayload<K extends ServerEventName> = z.output<(typeof serverEvents)[K]['payload']>;

export type ClientToServerEvents = {
  [K in ClientEventName]: (payload: ClientPayload<K>, ack: (res: Ack<ClientResult<K>>) => void) => void;
};
export type ServerToClientEvents = {
  [K in ServerEventName]: (payload: ServerEventPayload<K>) => void;
};
