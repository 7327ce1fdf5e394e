'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { RoomClient, type RoomState } from '@/app/_lib/media/room-client';

/** One RoomClient per mounted stage; left when the stage unmounts. */
export function useRoomClient(sessionId: string, hall: boolean): RoomClient {
  const [client] = useState(() => new RoomClient({ sessionId, hall }));
  useEffect(
    () => () => {
      void client.leave();
    },
    [client],
  );
  return client;
}

export function useRoomState(client: RoomClient): RoomState {
  return useSyncExternalStore(client.subscribe, client.getState, client.getState);
}
