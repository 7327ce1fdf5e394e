'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { bootPrejoinShowing, discard, onEarlyJoin, startEarlyJoin, takeEarlyJoin, type EarlyJoin } from '@/app/_lib/media/early-join';
import { RoomClient, type RoomState } from '@/app/_lib/media/room-client';

interface Options {
  hall: boolean;
  /** A hall phone never goes straight in: it listens first, whatever this browser remembers. */
  listenFirst: boolean;
  /** The page's answer (server-side) whether this person may publish; an early join publishes only then. */
  mayPublish: boolean;
}

/**
 * One RoomClient per mounted stage; left when the stage unmounts. When this browser remembers "skip the
 * check" for the session, the client is the early join already under way (early-join.ts), or one started
 * now (a navigation inside the app does not run instrumentation-client), and the stage hands it the
 * remembered camera and microphone.
 */
export function useRoomClient(sessionId: string, { hall, listenFirst, mayPublish }: Options): RoomClient {
  const [{ client, early }, setJoin] = useState(() => {
    let adopted: EarlyJoin | null = null;
    if (!hall) {
      startEarlyJoin(sessionId);
      adopted = takeEarlyJoin(sessionId);
      if (adopted && listenFirst) {
        discard(adopted);
        adopted = null;
      }
    }
    return { client: adopted?.client ?? new RoomClient({ sessionId, hall }), early: adopted };
  });
  // The boot script's device check may still be on screen (the page hydrated while the person looked at it): its
  // join, when it comes, becomes this stage's client. The idle one never joined, so it is just dropped.
  useEffect(() => {
    if (hall || early) return;
    const adopt = () => {
      if (client.state.status.kind !== 'idle') return;
      const found = takeEarlyJoin(sessionId);
      if (found) setJoin({ client: found.client, early: found });
    };
    adopt();
    return onEarlyJoin(adopt);
  }, [sessionId, hall, early, client]);
  useEffect(() => {
    if (!early) return;
    let current = true;
    void early.tracks.then(({ camera, microphone, problems }) => {
      if (!current || !mayPublish) {
        camera?.stop();
        microphone?.stop();
        if (current) void client.publishTracks({ camera: null, microphone: null }, []);
        return;
      }
      void client.publishTracks({ camera, microphone }, problems);
    });
    return () => {
      current = false;
    };
  }, [client, early, mayPublish]);
  useEffect(
    () => () => {
      void client.leave();
    },
    [client],
  );
  return client;
}

/** Whether the boot script's device check stands in for this stage's own (then the stage shows none). */
export function useBootPrejoin(sessionId: string): boolean {
  return useSyncExternalStore(onEarlyJoin, () => bootPrejoinShowing(sessionId), () => false);
}

export function useRoomState(client: RoomClient): RoomState {
  return useSyncExternalStore(client.subscribe, client.getState, client.getState);
}
