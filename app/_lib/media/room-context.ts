'use client';
import type { RoomNotice, RoomState } from './room-state';

/** What the parts of a RoomClient share with it: the one state snapshot and the join generation. */
export interface RoomContext {
  /** Always the latest snapshot, so read it again after every await. */
  readonly state: RoomState;
  /** Bumped on every (re)join; async work of an older generation is dropped. */
  readonly generation: number;
  set(patch: Partial<RoomState>): void;
  notify(notice: RoomNotice): void;
}
