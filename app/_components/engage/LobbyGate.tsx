'use client';
import type { ReactNode } from 'react';
import { LobbyScreen } from './LobbyScreen';
import { useLobby } from './use-lobby';

/**
 * Shows the session (its call, presence and panels) only to those the lobby
 * lets in; everyone else gets the lobby screen. Only the view: the server
 * refuses presence and media joins to whoever waits (requirePastLobby).
 */
export function LobbyGate({ sessionId, lettingIn, children }: { sessionId: string; lettingIn: boolean; children: ReactNode }) {
  const { view } = useLobby(sessionId);
  // The page's own answer (lobby off, staff, already admitted) shows the session without waiting for the socket.
  if (view.kind === 'loading') return lettingIn ? <>{children}</> : <p className="muted" role="status" aria-busy="true" />;
  // Without the lobby's answer the server is still the gate; show the session and let it refuse.
  if (view.kind === 'error') return <>{children}</>;
  const { standing, message } = view.state.me;
  if (standing === 'waiting' || standing === 'denied') return <LobbyScreen sessionId={sessionId} standing={standing} message={message} />;
  return <>{children}</>;
}
