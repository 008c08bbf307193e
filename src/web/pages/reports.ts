import { dayLabel } from '../../report/dates.js';
import { REPORT_FORMATS } from '../../report/formats.js';
import { weekOf } from '../../trends/weeks.js';
import { html, type Markup } from '../../report/markup.js';
import type { ArchiveEntry } from '../data.js';
import { NOTHING_YET } from './common.js';

function downloads(entry: ArchiveEntry): Markup {
  const links = REPORT_FORMATS.map((f) => html` <a href="/reports/${entry.label}.${f}">${f}</a>`);
  const stored =
    entry.stored.length > 0
      ? html` <span class="muted">(stored: ${entry.stored.join(', ')})</span>`
      : '';
  return html`${links}${stored}`;
}

function archiveTable(archive: readonly ArchiveEntry[], now: Date): Markup {
  const current = weekOf(now);
  const partial = (week: string) => (week === current ? ', this week so far' : '');
  return html`<table class="archive">
    <thead>
      <tr>
        <th class="text">week</th>
        <th>postings</th>
        <th class="text">downloads</th>
      </tr>
    </thead>
    <tbody>
      ${archive.map(
        (a) =>
          html`<tr>
            <td class="text">
              <a href="/reports/${a.label}">${a.label}</a>
              <span class="muted">from ${dayLabel(a.week)}${partial(a.week)}</span>
            </td>
            <td>${a.postings}</td>
            <td class="text">${downloads(a)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** /reports: every rolled-up week with its downloads; the current week is marked partial. */
export function archivePage(archive: readonly ArchiveEntry[], now = new Date()): Markup {
  return html`<h1>Report archive</h1>
    ${archive.length === 0 ? NOTHING_YET : archiveTable(archive, now)}`;
}
