import { timeLabel } from '../../report/dates.js';
import { html, type Markup } from '../../report/markup.js';
import type { SourceHealth } from '../source-health.js';

function lastRunCells({ lastRun: run, enabled }: SourceHealth): Markup {
  const started = run ? timeLabel(run.started_at) : enabled ? 'never run' : '–';
  const tone = run?.status === 'ok' ? 'up' : run ? 'down' : '';
  const listings = run ? `${run.listings} (${run.new_listings})` : '–';
  const imported = run?.kind === 'import' ? ' imported' : '';
  const rejected = run?.processed ? `${run.rejected} of ${run.processed}` : '–';
  return html`<td class="text when">${started}</td>
    <td class="text ${tone}">${run?.status ?? '–'}</td>
    <td>${run?.pages ?? '–'}</td>
    <td>${listings}${imported}</td>
    <td>${rejected}</td>
    <td>${run?.error_count ?? '–'}</td>`;
}

/** Whether a source runs, and why not. */
function stateOf(s: SourceHealth): string {
  if (!s.configured) return 'not configured now';
  return s.enabled ? 'enabled' : `off: ${s.disabledReason ?? 'switched off'}`;
}

function sourceRow(s: SourceHealth): Markup {
  const state =
    s.enabled && s.configured ? '' : html`<br /><span class="note">${stateOf(s)}</span>`;
  return html`<tr class="status-${s.lastRun?.status ?? 'none'}">
    <td class="text">${s.name} <span class="muted">${s.id}</span>${state}</td>
    <td>${s.adapter}</td>
    ${lastRunCells(s)}
    <td>${s.runs7d} (${s.troubled7d})</td>
    <td class="text">${s.lastRun?.message ?? ''}</td>
  </tr>`;
}

/**
 * /sources: every source, enabled, switched off or crawled once and since dropped from
 * the config, with its newest crawl run ("never run" for one that has none) and its last
 * week of runs.
 */
export function sourcesPage(sources: readonly SourceHealth[]): Markup {
  const never = sources.filter((s) => s.enabled && !s.lastRun).length;
  const summary = html`<p class="muted">
    ${sources.filter((s) => s.enabled && s.configured).length} enabled sources, ${never} never run;
    times in UTC.
  </p>`;
  return html`<h1>Source health</h1>
    ${summary}
    <table class="sources">
      <thead>
        <tr>
          <th class="text">source</th>
          <th>adapter</th>
          <th class="text when">last run</th>
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
