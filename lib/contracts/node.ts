import { z } from 'zod';
import { notice } from './define';

/**
 * Notices about the Balai node a client is connected to. `node:drain-started`: the
 * node is shutting down (SIGTERM); the client reconnects, through the load
 * balancer, to another node within `moveWithinMs` (spread so they do not all
 * arrive at once), and its live media follows.
 */
export const nodeServerEvents = {
  'node:drain-started': notice(z.object({ moveWithinMs: z.number().int().min(0).max(600_000) })),
};
