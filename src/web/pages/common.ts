import { html } from '../../report/markup.js';

export const skillHref = (id: string) => `/skills/${encodeURIComponent(id)}`;
export const categoryHref = (id: string) => `/categories/${encodeURIComponent(id)}`;
/** Crawled URLs become links only when they are plainly http(s): never javascript: or data:. */
export const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

/** A week's label for a chart axis: "11-16" of "2026-11-16". */
export const axis = (week: string) => week.slice(5);

export const NOTHING_YET = html`<p>
  No week has been rolled up yet. Run <code>skillpulse demo</code>, or
  <code>skillpulse run</code> then <code>skillpulse rollup</code>.
</p>`;

/** A page with nothing to show before the first rollup. */
export const nothingYetPage = (title: string) =>
  html`<h1>${title}</h1>
    ${NOTHING_YET}`;
