import { html, raw } from '../../report/markup.js';

export const skillHref = (id: string) => `/skills/${encodeURIComponent(id)}`;
export const categoryHref = (id: string) => `/categories/${encodeURIComponent(id)}`;
/** Crawled URLs become links only when they are plainly http(s): never javascript: or data:. */
export const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

export const NOTHING_YET = html`<p>
  No week has been rolled up yet. Run <code>skillpulse demo</code>, or
  <code>skillpulse run</code> then <code>skillpulse rollup</code>.
</p>`;

/** A page with nothing to show before the first rollup. */
export const nothingYetPage = (title: string) =>
  html`<h1>${title}</h1>
    ${NOTHING_YET}`;

/** Why a figure is "–", after it, small. */
export const why = (reason: string) => html` <span class="why">(${reason})</span>`;

/** The dashboard's styles over the report's (STYLES): dates on one line, notes, side-by-side tables. */
export const DASHBOARD_STYLES = raw(`<style>
.when, td.when, th.when { white-space: nowrap; }
.why { color: var(--muted); font-size: .8rem; white-space: nowrap; }
.note { color: var(--muted); font-size: .8rem; }
table.sources { font-size: .85rem; }
table.archive td:nth-child(2), table.archive th:nth-child(2) { text-align: right; }
table.sources td:nth-child(n + 5):not(:last-child) { white-space: nowrap; }
table.figures { width: auto; min-width: 50%; }
/* Wide tables scroll in their own box on a narrow screen instead of widening the page. */
@media (max-width: 40rem) { table { display: block; overflow-x: auto; } }
input, select { max-width: 100%; box-sizing: border-box; }
table.figures th:nth-child(n + 2), table.figures td:nth-child(n + 2) { text-align: right; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 2rem; }
.pair h3 { margin-bottom: 0; }
/* A grid item is as wide as its content by default: a wide table would widen the page. */
.pair > * { min-width: 0; }
/* A name is crawled or typed text: a long word in it breaks instead of widening the page. */
h1 { overflow-wrap: anywhere; }
table.figures th:first-child, table.figures td:first-child { text-align: left; white-space: nowrap; }
</style>`);
