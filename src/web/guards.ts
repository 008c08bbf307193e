import type { Hono, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { WebError } from './params.js';

/** The methods every dashboard page and API route answers. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;
const ALLOW = ALLOWED_METHODS.join(', ');

const NUL = '\0';

/**
 * Refuses a request whose path or query holds a NUL character (`%00`), naming where:
 * no skill, week or search holds one, and PostgreSQL refuses it in text.
 */
export function refuseNul(): MiddlewareHandler {
  return async (c, next) => {
    // NUL reaches a URL only percent-encoded: most requests are let through on this.
    if (!c.req.url.includes('%00')) return next();
    const url = new URL(c.req.url);
    for (const [name, value] of url.searchParams) {
      if (name.includes(NUL) || value.includes(NUL)) {
        throw new WebError(
          400,
          `the query parameter "${name.replaceAll(NUL, '%00').slice(0, 40)}" holds a NUL character (%00): remove it`,
        );
      }
    }
    if (url.pathname.includes('%00')) {
      throw new WebError(400, 'the path holds a NUL character (%00): remove it');
    }
    return next();
  };
}

/**
 * Answers a method other than GET or HEAD on a dashboard route with 405 and an Allow
 * header (OPTIONS with 204 and the same header), instead of the 404 of a path that does
 * not exist. The routes are read from the app at the first such request, when all are
 * registered; paths under `skipPrefix` (the queue board, with methods of its own) are
 * left to their routes.
 */
export function allowedMethods(app: Hono, skipPrefix: string): MiddlewareHandler {
  let routes: TrieRouter<true> | undefined;
  const known = () => {
    const router = new TrieRouter<true>();
    for (const route of app.routes) {
      if (route.method === 'GET' && !route.path.startsWith(skipPrefix))
        router.add('GET', route.path, true);
    }
    return router;
  };
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || c.req.path.startsWith(skipPrefix)) return next();
    routes ??= known();
    if (routes.match('GET', c.req.path)[0].length === 0) return next();
    if (method === 'OPTIONS') return c.body(null, 204, { allow: ALLOW });
    throw new WebError(
      405,
      `${method.slice(0, 20)} is not allowed on ${c.req.path.slice(0, 200)}: use ${ALLOW}`,
      ALLOW,
    );
  };
}
