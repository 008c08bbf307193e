import type { MiddlewareHandler } from 'hono';

/**
 * What every response may load, as Content-Security-Policy directives. Pages carry
 * inline styles and SVG and never a script; nothing is framed, posted elsewhere or
 * rebased.
 */
const PAGE_POLICY: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'style-src': "'unsafe-inline'",
  'img-src': "'self' data:",
  'form-action': "'self'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
};

/**
 * Bull Board's additions: its own script bundles, the JSON it fetches, the `<base>` it
 * sets, and the Google Fonts stylesheet its page links (offline, the board falls back
 * to system fonts).
 */
const QUEUE_BOARD_POLICY: Readonly<Record<string, string>> = {
  ...PAGE_POLICY,
  'script-src': "'self'",
  'connect-src': "'self'",
  'style-src': "'self' 'unsafe-inline' https://fonts.googleapis.com",
  'font-src': "'self' data: https://fonts.gstatic.com",
  'base-uri': "'self'",
};

const policy = (directives: Readonly<Record<string, string>>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  // frame-ancestors says it to current browsers; this, to the ones before CSP 2.
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Sets the security headers on every response, errors and the queue board's included:
 * one definition, the board's policy differing only where its scripts need it.
 */
export function withSecurityHeaders(boardPath: string): MiddlewareHandler {
  const pages = Object.entries({
    'content-security-policy': policy(PAGE_POLICY),
    ...COMMON_HEADERS,
  });
  const board = Object.entries({
    'content-security-policy': policy(QUEUE_BOARD_POLICY),
    ...COMMON_HEADERS,
  });
  return async (c, next) => {
    await next();
    const path = c.req.path;
    const headers = path === boardPath || path.startsWith(`${boardPath}/`) ? board : pages;
    for (const [name, value] of headers) c.res.headers.set(name, value);
  };
}
