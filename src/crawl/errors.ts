import { NonRetryableError } from 'crawlee';

/** The kinds under which crawl_runs.errors counts failures. */
export type CrawlErrorKind =
  'throttled' | 'http_4xx' | 'http_5xx' | 'timeout' | 'network' | 'parse' | 'storage' | 'too_large';

/** 429 or 503: retried after Retry-After, or after the backoff when the source gives none. */
export class ThrottledError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      `throttled: HTTP ${status}${retryAfterMs !== undefined ? `, retry after ${retryAfterMs} ms` : ''}`,
    );
    this.name = 'ThrottledError';
  }
}

/** A 5xx or 408: transient, retried with exponential backoff. */
export class ServerError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'ServerError';
  }
}

/** A 4xx other than 408 and 429: the request itself is wrong, so it is never retried. */
export class ClientError extends NonRetryableError {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'ClientError';
  }
}

/**
 * A response body longer than the crawl reads (`maxResponseBytes`): not loaded whole,
 * and never retried, since the same URL would send the same body.
 */
export class ResponseTooLargeError extends NonRetryableError {
  constructor(
    readonly url: string,
    readonly maxBytes: number,
    /** The Content-Length the server declared, when it declared one. */
    readonly declaredBytes?: number,
  ) {
    super(
      declaredBytes !== undefined
        ? `response too large: ${url} declares ${declaredBytes} bytes, over the ${maxBytes} a response may have`
        : `response too large: ${url} sends more than the ${maxBytes} bytes a response may have`,
    );
    this.name = 'ResponseTooLargeError';
  }
}

/** The error for a response status, or undefined for a success. */
export function errorForStatus(status: number, retryAfter: string | undefined, now = Date.now()) {
  if (status < 400) return undefined;
  if (status === 429 || status === 503)
    return new ThrottledError(status, parseRetryAfter(retryAfter, now));
  if (status >= 500 || status === 408) return new ServerError(status);
  return new ClientError(status);
}

/** Retry-After as delta seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function errorKind(error: unknown): CrawlErrorKind {
  if (error instanceof ThrottledError) return 'throttled';
  if (error instanceof ServerError) return 'http_5xx';
  if (error instanceof ClientError) return 'http_4xx';
  if (error instanceof ResponseTooLargeError) return 'too_large';
  const message = error instanceof Error ? error.message : String(error);
  if (/timed? ?out|timeout/i.test(message)) return 'timeout';
  if (/^(\d{3}) - /.test(message))
    return Number(message.slice(0, 3)) >= 500 ? 'http_5xx' : 'http_4xx';
  return 'network';
}
