import { html, type Markup } from '../../report/markup.js';
import type { SourceHealth } from '../data.js';

function lastRunCells({ lastRun: run }: SourceHealth): Markup {
  const started = run ? run.started_at.toISOString().slice(0, 16).replace('T', ' ') : 'never';
  const tone = run?.status === 'ok' ? 'up' : run ? 'down' : '';
  const listings = run ? `${run.listings} (${run.new_listings})` : '–';
  const imported = run?.kind === 'import' ? ' imported' : '';
  const rejected = run?.processed ? `${run.rejected} of ${run.processed}` : '–';
  return html`<td class="text">${started}</td>
    <td class="text ${tone}">${run?.status ?? '–'}</td>
    <td>${run?.pages ?? '–'}</td>
    <td>${listings}${imported}</td>
    <td>${rejected}</td>
    <td>${run?.error_count ?? '–'}</td>`;
}

function sourceRow(s: SourceHealth): Markup {
  return html`<tr class="status-${s.lastRun?.status ?? 'none'}">
    <td class="text">${s.name} <span class="muted">${s.id}${s.enabled ? '' : ', off'}</span></td>
    <td>${s.adapter}</td>
    ${lastRunCells(s)}
    <td>${s.runs7d} (${s.troubled7d})</td>
    <td class="text">${s.lastRun?.message ?? ''}</td>
  </tr>`;
}

/** /sources: every source with its newest crawl run and its last week of runs. */
export function sourcesPage(sources: readonly SourceHealth[]): Markup {
  return html`<h1>Source health</h1>
    <table class="sources">
      <thead>
        <tr>
          <th class="text">source</th>
          <th>adapter</th>
          <th class="text">last run</th>
          <th class="text">status</th>
          <th>pages</th>
          <th>listings (new)</th>
          <th>rejected</th>
          <th>errors</th>
          <th>runs 7 days (troubled)</th>
          <th class="text">message</th>
        </tr>
      </thead>
      <tbody>
        ${sources.map(sourceRow)}
      </tbody>
    </table>`;
}
