/**
 * A group commit: requests that arrive while one commit is running wait for
 * the next and go in together, so a burst of hundreds becomes a few
 * transactions instead of hundreds contending for the same rows. `commit`
 * decides each request of its batch one by one inside one transaction and
 * settles each (after the commit: an answered request is a durable one). If
 * the whole batch fails for something beyond one request's own fault (a lost
 * connection, a deadlock, a value the database refused), every request gets a
 * commit of its own, so one cannot sink the others and a request that fails
 * alone reports its own error.
 */
export type Waiting<Req, Res> = Req & {
  resolve(result: Res): void;
  reject(err: unknown): void;
};

// Bounds one transaction's statement sizes; a bigger burst is simply several batches.
const MAX_BATCH = 500;

export function groupCommit<Req extends object, Res>(commit: (batch: Waiting<Req, Res>[]) => Promise<void>): (request: Req) => Promise<Res> {
  const queue: Waiting<Req, Res>[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    while (queue.length) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await commit(batch);
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        else for (const p of batch) await commit([p]).catch((e: unknown) => p.reject(e));
      }
    }
    draining = false;
  }

  return (request) =>
    new Promise<Res>((resolve, reject) => {
      queue.push({ ...request, resolve, reject });
      if (!draining) {
        draining = true;
        // The next turn of the event loop: requests sent together (one socket packet, one tick) share the first commit.
        setImmediate(() => void drain());
      }
    });
}
