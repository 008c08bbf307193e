import { html, raw } from 'hono/html';

/** HTML built with `html` tagged templates: every interpolated value is escaped unless it is markup itself. */
export type Markup = ReturnType<typeof html>;
export { html, raw };

/** The markup as a string; our templates never hold promises, so this never waits. */
export function markupString(markup: Markup): string {
  if (markup instanceof Promise) throw new Error('asynchronous markup cannot be rendered here');
  return markup.toString();
}

/** The elements written whole by `enclosed`. */
type EnclosingTag = 'table' | 'thead' | 'tbody' | 'tr' | 'ol' | 'ul';

/**
 * An element around its children with nothing between them, as the reports have always
 * written their tables and lists (a template would be laid out by the formatter).
 */
export function enclosed(
  tag: EnclosingTag,
  children: readonly Markup[],
  className?: string,
): Markup {
  const open =
    className === undefined
      ? raw(`<${tag}>`)
      : html`${raw(`<${tag} class="`)}${className}${raw('">')}`;
  return html`${open}${children}${raw(`</${tag}>`)}`;
}

/** Markup pieces on lines of their own, between a leading and a trailing line break. */
export function onLines(parts: readonly (Markup | string)[]): Markup {
  return html`${parts.flatMap((part) => [NEWLINE, part])}${NEWLINE}`;
}
const NEWLINE = raw('\n');

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
export const signed = (change: number | null) =>
  change === null ? '–' : `${change >= 0 ? '+' : '−'}${Math.round(Math.abs(change) * 100)}%`;
/** A change of rank or count: +3, −2, 0; "–" without one. */
export const signedCount = (n: number | null) =>
  n === null ? '–' : n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
/** "1 rate", "5 rates": a count with its noun. */
export const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
// One formatter for every figure: toLocaleString builds its own each call, 40 ms of a
// `trends` command that prints a few hundred figures.
const EN = new Intl.NumberFormat('en');
export const money = (value: number) => EN.format(Math.round(value));

/**
 * A country of a breakdown as the report, the dashboard and `trends` all name it: its ISO
 * code, "not stated" for postings that name none (stored as 'unknown').
 */
export const countryName = (code: string) => (code === 'unknown' ? 'not stated' : code);
const WORK_MODE_NAMES: Readonly<Record<string, string>> = {
  remote: 'remote',
  hybrid: 'hybrid',
  onsite: 'on site',
  unknown: 'not stated',
};
/** A work mode of a breakdown in words, as countryName names countries. */
export const workModeName = (mode: string) => WORK_MODE_NAMES[mode] ?? mode;

/** Printable, JavaScript-free styles shared by the report file and the dashboard. */
export const STYLES = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0969da; --up: #1a7f37; --down: #cf222e; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 1rem 1.25rem 3rem; }
header.site { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; border-bottom: 1px solid var(--line); padding-bottom: .5rem; margin-bottom: 1rem; }
header.site a { color: var(--accent); text-decoration: none; }
header.site strong { margin-right: auto; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); } h3 { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: right; }
th:nth-child(2), td:nth-child(2), th.text, td.text { text-align: left; }
table.named th:first-child, table.named td:first-child { text-align: left; }
.table-scroll { overflow-x: auto; } table.demand { font-size: .8rem; } table.demand .muted { font-size: .9em; }
table.demand td:not(:nth-child(2)) { white-space: nowrap; } table.demand th, table.demand td { padding: .25rem .3rem; }
table.named th:nth-child(2), table.named td:nth-child(2) { text-align: right; }
.muted, .small-sample { color: var(--muted); } .up { color: var(--up); } .down { color: var(--down); }
figure { margin: .5rem 0 1rem; overflow-x: auto; } figcaption { color: var(--muted); font-size: .85rem; }
svg { max-width: 100%; height: auto; }
svg.chart-narrow { display: none; }
@media (max-width: 40rem) { svg.chart-wide { display: none; } svg.chart-narrow { display: block; } }
form.inline { display: flex; gap: .5rem; flex-wrap: wrap; margin: .5rem 0 1rem; }
input, select, button { font: inherit; padding: .25rem .5rem; }
.error { color: var(--down); font-weight: 600; }
@media print { header.site, form { display: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`;

/** A whole HTML document: the same shell for the report file and each dashboard page. */
export function htmlDocument(title: string, body: Markup, header?: Markup): string {
  return markupString(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title}</title>
          <link rel="icon" href="data:," />
          <style>
            ${raw(STYLES)}
          </style>
        </head>
        <body>
          ${header ?? ''}
          <main>${body}</main>
        </body>
      </html> `,
  );
}
