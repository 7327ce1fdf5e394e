import type { Db } from '../client';

/**
 * A transaction or the database: a query given one runs inside the caller's
 * transaction, so the service decides the transaction's boundaries and the
 * query module only says what is read or written.
 */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;
