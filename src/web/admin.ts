import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import type { PipelineQueues } from '../pipeline/queues.js';

export const QUEUES_PATH = '/admin/queues';

/** Compares without leaking through timing how much of the token was right. */
function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Mounts Bull Board for the pipeline's queues at /admin/queues, behind HTTP basic
 * authentication whose password is the admin token (any user name): the board can retry
 * and delete jobs, so it is never open.
 */
export function mountQueueBoard(app: Hono, queues: PipelineQueues, token: string): void {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: Object.values(queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
  });
  const auth = basicAuth({ verifyUser: (_user, password) => sameToken(password, token), realm: 'skillpulse queues' }); // prettier-ignore
  app.use(QUEUES_PATH, auth);
  app.use(`${QUEUES_PATH}/*`, auth);
  app.route(QUEUES_PATH, serverAdapter.registerPlugin());
}
