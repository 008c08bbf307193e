import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateMarket } from './generate-market.js';
import { prng, type MarketOptions, type MarketPosting } from './market.js';
import { ROUTES } from './sites.js';
import type { FixtureRequest, FixtureResponse, RouteContext } from './types.js';

/**
 * A fault the server injects: for requests whose path matches, answer with a status
 * (and Retry-After), answer slowly, or cut the body short.
 */
export interface FaultRule {
  readonly path: string | RegExp;
  readonly status?: number;
  readonly retryAfter?: string;
  /** How many matching requests get the fault; later ones are served normally. @defaultValue Infinity */
  readonly times?: number;
  readonly delayMs?: number;
  /** Serve only the first part of the body, as a dropped connection would. */
  readonly truncate?: boolean;
}

export interface FixtureWebOptions {
  /** @defaultValue generateMarket() */
  readonly market?: readonly MarketPosting[];
  readonly marketOptions?: MarketOptions;
  readonly faults?: readonly FaultRule[];
  /** @defaultValue 0 (any free port) */
  readonly port?: number;
  /**
   * Served for `skillpulse demo`, whose data outlives the fixture web: the real recordings
   * served as recorded (the gitlab, matchgroup and linear boards) have their dates moved
   * into the market's span, so the demo's history starts where its market does; postings
   * link where the real site would have them (a made-up site's, to its company's careers
   * page at an .example domain), not to the fixture web. @defaultValue false
   */
  readonly demo?: boolean;
  /**
   * Simulator mode: a share of requests answer 503 with Retry-After or slowly, from a
   * seeded generator, as a busy real site does.
   */
  readonly chaos?: {
    readonly errorRate: number;
    readonly slowRate: number;
    readonly seed?: number;
    /** Paths spared, such as the data calls a page's own script makes. */
    readonly exclude?: RegExp;
  };
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly userAgent: string | undefined;
  readonly status: number;
  /** When the request arrived, in ms since the epoch. */
  readonly at: number;
}

export interface FixtureWeb {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  readonly url: string;
  readonly market: readonly MarketPosting[];
  /** Every request the server saw, in order. */
  readonly requests: RecordedRequest[];
  /** The requests for a path (prefix or pattern). */
  requestsFor(path: string | RegExp): RecordedRequest[];
  close(): Promise<void>;
}

/** robots.txt of the fixture web: some paths are disallowed, as on the real sites. */
export const ROBOTS_TXT = `User-agent: *
Disallow: /fiverr/gigs/
Disallow: /craigslist/reply/
Disallow: /private/

Sitemap: /jsonld-site/sitemap.xml
`;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function matches(rule: FaultRule, path: string): boolean {
  return typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path);
}

/** Starts the fixture web on 127.0.0.1. */
export async function startFixtureWeb(options: FixtureWebOptions = {}): Promise<FixtureWeb> {
  const market = options.market ?? generateMarket(options.marketOptions);
  const faults = (options.faults ?? []).map((rule) => ({ rule, left: rule.times ?? Infinity }));
  const chaosRandom = options.chaos ? prng(options.chaos.seed ?? 7) : undefined;
  const requests: RecordedRequest[] = [];
  const demo = options.demo ?? false;
  let origin = '';

  const respond = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    const url = new URL(req.url ?? '/', origin);
    const fixtureRequest: FixtureRequest = {
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      body: await readBody(req),
    };
    let response: FixtureResponse;
    let truncate = false;
    const fault = faults.find((f) => f.left > 0 && matches(f.rule, url.pathname));
    if (fault) fault.left--;
    if (fault?.rule.delayMs) await new Promise((r) => setTimeout(r, fault.rule.delayMs));
    const spared =
      url.pathname === '/robots.txt' || options.chaos?.exclude?.test(url.pathname) === true;
    const chaos = chaosRandom && !spared ? chaosRandom() : 1;
    if (fault?.rule.status) {
      response = {
        status: fault.rule.status,
        headers: {
          'content-type': 'text/plain',
          ...(fault.rule.retryAfter ? { 'retry-after': fault.rule.retryAfter } : {}),
        },
        body: `fault ${fault.rule.status}`,
      };
    } else if (options.chaos && chaos < options.chaos.errorRate) {
      response = {
        status: 503,
        headers: { 'content-type': 'text/plain', 'retry-after': '1' },
        body: 'busy',
      };
    } else {
      if (options.chaos && chaos < options.chaos.errorRate + options.chaos.slowRate) {
        await new Promise((r) => setTimeout(r, 300));
      }
      truncate = fault?.rule.truncate === true;
      response = route(fixtureRequest, { market, origin, demo });
    }
    const status = response.status ?? 200;
    requests.push({
      method: fixtureRequest.method,
      path: url.pathname + url.search,
      userAgent: req.headers['user-agent'],
      at,
      status,
    });
    const body = truncate
      ? response.body.slice(0, Math.floor(response.body.length / 2))
      : response.body;
    res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...response.headers });
    res.end(body);
  };

  const server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fixture web error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    market,
    requests,
    requestsFor: (path) =>
      requests.filter((r) =>
        typeof path === 'string' ? r.path.startsWith(path) : path.test(r.path),
      ),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function route(request: FixtureRequest, context: RouteContext): FixtureResponse {
  if (request.url.pathname === '/robots.txt') {
    return { headers: { 'content-type': 'text/plain' }, body: ROBOTS_TXT };
  }
  for (const candidate of ROUTES) {
    if ((candidate.method ?? 'GET') !== request.method) continue;
    const match = candidate.path.exec(request.url.pathname);
    if (match) return candidate.handle(request, match, context);
  }
  return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
}
