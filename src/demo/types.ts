import type { MarketPosting } from './market.js';

export interface FixtureRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface FixtureResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RouteContext {
  readonly market: readonly MarketPosting[];
  readonly origin: string;
  /**
   * Served for `skillpulse demo` (see FixtureWebOptions.demo); otherwise as tests want it:
   * recordings with their real dates, links into the fixture web.
   */
  readonly demo: boolean;
}

export interface Route {
  readonly method?: 'GET' | 'POST';
  readonly path: RegExp;
  handle(request: FixtureRequest, match: RegExpExecArray, context: RouteContext): FixtureResponse;
}

export const json = (value: unknown, status = 200): FixtureResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

export const html = (body: string, status = 200): FixtureResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

export const xml = (body: string, type = 'application/rss+xml'): FixtureResponse => ({
  status: 200,
  headers: { 'content-type': `${type}; charset=utf-8` },
  body,
});

export const notFound = (): FixtureResponse => ({
  status: 404,
  headers: { 'content-type': 'text/plain' },
  body: 'not found',
});

/** Escapes text for HTML, as real sites do (and as untrusted fixture text needs). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]!};`,
  );
}

export function intParam(url: URL, name: string, fallback: number): number {
  const value = Number(url.searchParams.get(name));
  return Number.isInteger(value) && value >= 0 && url.searchParams.has(name) ? value : fallback;
}

/**
 * A site of the fixture web: its routes, and the market's channels (MarketPosting.sources)
 * whose postings it lists. One file under routes/ exports each, as `site`.
 */
export interface FixtureSite {
  readonly channels: readonly string[];
  /**
   * Channels that keep a posting listed for a few weeks only (Craigslist deletes a post
   * after some weeks), in weeks: older postings are listed on the other channels. Each
   * of their listings is a page of its own, so this also keeps a long demo quick.
   */
  readonly shortLived?: Readonly<Record<string, number>>;
  readonly routes: readonly Route[];
}
