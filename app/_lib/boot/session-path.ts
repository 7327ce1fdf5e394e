/**
 * The session page's address, /events/<slug>/sessions/<id>: where the call boots before the framework (the
 * server's rewrite, the gate, the boot script) and where instrumentation-client starts the early join.
 */
const SESSION_PAGE = /^\/events\/[^/?#]+\/sessions\/([0-9a-f-]{36})\/?$/i;

/** The session's id when this path is a session page; undefined otherwise. */
export function sessionIdOfPath(pathname: string): string | undefined {
  return SESSION_PAGE.exec(pathname)?.[1];
}
