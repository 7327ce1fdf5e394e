import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { env } from '../env';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

// The custom server and the Next.js server bundle are separate module graphs in
// one process; the handle lives on globalThis so both use one connection pool
// (and, for PGlite, one instance: two on the same directory would corrupt it).
const KEY = Symbol.for('balai.db');
const MIGRATION_LOCK = 0x62616c6169; // "balai"
type Holder = { [KEY]?: Promise<DbHandle> };
const holder = globalThis as Holder;

export function dbHandle(): Promise<DbHandle> {
  holder[KEY] ??= open();
  return holder[KEY];
}

export async function db(): Promise<Db> {
  return (await dbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const handle = holder[KEY];
  holder[KEY] = undefined;
  if (handle) await (await handle).close();
}

async function open(): Promise<DbHandle> {
  const { DATABASE_URL, BALAI_DATA_DIR } = env();
  if (DATABASE_URL) return openPostgres(DATABASE_URL);
  return openPglite(BALAI_DATA_DIR);
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 10, onnotice: () => undefined });
  const database = drizzle(client, { schema, casing: 'snake_case' });
  return {
    db: database as unknown as Db,
    kind: 'postgres',
    async migrate(migrationsFolder) {
      // One connection holds an advisory lock so parallel starts (several
      // Balai processes, parallel test workers) apply migrations once.
      const single = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migrate(drizzle(single, { casing: 'snake_case' }), { migrationsFolder });
      } finally {
        await single.end();
      }
    },
    close: () => client.end(),
  };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  let location = dataDir;
  if (!dataDir.startsWith('memory://')) {
    location = path.resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location);
  const database = drizzle(client, { schema, casing: 'snake_case' });
  return {
    db: database as unknown as Db,
    kind: 'pglite',
    migrate: (migrationsFolder) => migrate(database, { migrationsFolder }),
    close: () => client.close(),
  };
}
