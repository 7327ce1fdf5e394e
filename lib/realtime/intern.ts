/**
 * One shared copy of a string that many live sockets keep: room names,
 * session and event ids, roles. Each socket would otherwise hold its own copy
 * (parsed from its own message or database row, or built by its own template
 * literal), and a socket joined to a session keeps a dozen of them. The table
 * forgets everything once it passes a bound, so a long-running process holds
 * at most that many; a string interned again afterwards starts a new shared
 * copy. Shared by the Socket.IO server and by code running in Next.js, so
 * nothing here imports Node or server code.
 */
const MAX_ENTRIES = 50_000;
const table = new Map<string, string>();

export function intern<T extends string>(s: T): T {
  const kept = table.get(s);
  if (kept !== undefined) return kept as T;
  if (table.size >= MAX_ENTRIES) table.clear();
  table.set(s, s);
  return s;
}
