/** What a chaos run prints: each round, then the totals by fault kind and overall. */
import type { TableDiff } from './checksums.js';
import { FAULT_KINDS } from './faults.js';
import { lastLines } from './round.js';
import type { RoundReport } from './suite.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function diffLine(d: TableDiff): string {
  const fields = Object.entries(d.changedFields).map(([f, n]) => `${f} ${n}`).join(', '); // prettier-ignore
  return `${d.table}: ${d.rows} rows (reference ${d.referenceRows}): lost ${d.lost}, duplicated ${d.duplicated}, changed ${d.changed}${fields ? ` [${fields}]` : ''}`; // prettier-ignore
}

/** A round in a few lines when it passed, with its evidence when it did not. */
export function formatRound(name: string, report: RoundReport): string[] {
  const { result } = report;
  const fault = result.fault
    ? `${result.fault.injected ? '' : 'NOT INJECTED: '}${result.fault.detail}`
    : 'no fault';
  const verdict = report.passed ? 'ok' : report.canonicalDriftOnly ? 'FAILED, canonical choice only' : 'FAILED'; // prettier-ignore
  const lines = [`${name}: ${verdict} (${fault})`];
  const runs = result.commands.filter((c) => c.label.startsWith('run'));
  lines.push(`  ${runs.map((c) => `${c.label}: ${c.hung ? 'HUNG, killed' : `exit ${c.code ?? c.signal}`} after ${seconds(c.ms)}`).join('; ')}`); // prettier-ignore
  if (report.canonicals.off > 0) {
    lines.push(`  canonical links unlike resolving all postings at once: ${report.canonicals.off}`);
    for (const example of report.canonicals.examples) lines.push(`    ${example}`);
  }
  const stale = report.stale?.filter((d) => !d.matched) ?? [];
  if (report.stale === null)
    lines.push('  full rollup failed: freshness of the trend tables unknown');
  for (const d of stale) {
    const fields = Object.entries(d.changedFields).map(([f, n]) => `${f} ${n}`).join(', '); // prettier-ignore
    lines.push(`  stale: a full rollup of the round's own postings gives ${d.table} ${d.duplicated} rows it lacks, drops ${d.lost} of its ${d.referenceRows}, changes ${d.changed}${fields ? ` [${fields}]` : ''}`); // prettier-ignore
    for (const example of d.examples) lines.push(`    ${example}`);
  }
  if (report.passed) return lines;
  for (const hang of result.hangs) lines.push(`  hang: ${hang.what} (bound ${seconds(hang.boundMs)}): ${hang.detail}`); // prettier-ignore
  for (const run of report.runningCrawlRuns) {
    lines.push(`  crawl run left running: ${run.source_id} (job ${run.job_id ?? '-'}, ${run.pages} pages, ${run.listings} listings, ${run.new_listings} new, ${run.processed} processed)`); // prettier-ignore
  }
  for (const d of report.diffs.filter((x) => !x.matched)) {
    lines.push(`  ${diffLine(d)}`);
    for (const example of d.examples) lines.push(`    ${example}`);
  }
  const unprocessed = Object.entries(result.unprocessed);
  if (unprocessed.length > 0) lines.push(`  raw listings never processed: ${unprocessed.map(([s, n]) => `${s} ${n}`).join(', ')}`); // prettier-ignore
  const failedRuns = result.commands.filter((c) => c.label.startsWith('run') && !c.hung && c.code !== 0); // prettier-ignore
  for (const run of failedRuns) lines.push(`  ${run.label} exit ${run.code ?? run.signal}: ${lastLines(run.stderrTail, 2)}`); // prettier-ignore
  for (const run of runs) {
    const perSource = run.stdout.split('\n').filter((l) => / (ok|degraded|failed|undefined) /.test(l)); // prettier-ignore
    if (perSource.length > 0) lines.push(`  ${run.label} said: ${perSource.map((l) => l.replace(/\s+/g, ' ').trim()).join(' | ')}`); // prettier-ignore
  }
  const byQueue = new Map<string, string[]>();
  for (const job of result.failedJobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), `${job.id}: ${job.reason}`]); // prettier-ignore
  for (const [queue, jobs] of byQueue) lines.push(`  failed ${queue} jobs (${jobs.length}): ${jobs.slice(0, 3).join(' | ')}`); // prettier-ignore
  for (const exit of result.unexpectedExits) {
    lines.push(`  ${exit.worker} (pid ${exit.pid}) exited by itself: code ${exit.code} signal ${exit.signal}: ${lastLines(exit.stderrTail, 2)}`); // prettier-ignore
  }
  lines.push(`  crawl_runs: ${result.crawlRuns.map((r) => `${r.source_id}/${r.job_id ?? '-'} ${r.crawl_status} p${r.pages} l${r.listings} n${r.new_listings} pr${r.processed}`).join(', ')}`); // prettier-ignore
  lines.push(`  logs: ${result.logDir}`);
  return lines;
}

interface Tally {
  rounds: number;
  failed: number;
  driftOnly: number;
  staleRounds: number;
  canonicalsOff: number;
  injected: number;
  hangs: number;
  runningRuns: number;
  lost: Record<string, number>;
  duplicated: Record<string, number>;
  changed: Record<string, number>;
}

function tally(reports: readonly RoundReport[]): Tally {
  const t: Tally = { rounds: 0, failed: 0, driftOnly: 0, staleRounds: 0, canonicalsOff: 0, injected: 0, hangs: 0, runningRuns: 0, lost: {}, duplicated: {}, changed: {} }; // prettier-ignore
  for (const report of reports) {
    t.rounds++;
    if (!report.passed) t.failed++;
    if (report.canonicalDriftOnly) t.driftOnly++;
    if (report.stale?.some((d) => !d.matched)) t.staleRounds++;
    if (report.canonicals.off > 0) t.canonicalsOff++;
    if (report.result.fault?.injected) t.injected++;
    t.hangs += report.result.hangs.length;
    t.runningRuns += report.runningCrawlRuns.length;
    for (const d of report.diffs) {
      if (d.lost > 0) t.lost[d.table] = (t.lost[d.table] ?? 0) + d.lost;
      if (d.duplicated > 0) t.duplicated[d.table] = (t.duplicated[d.table] ?? 0) + d.duplicated;
      if (d.changed > 0) t.changed[d.table] = (t.changed[d.table] ?? 0) + d.changed;
    }
  }
  return t;
}

const perTable = (counts: Record<string, number>) =>
  Object.entries(counts).map(([table, n]) => `${table} ${n}`).join(', ') || 'none'; // prettier-ignore

function tallyLines(t: Tally, indent: string): string[] {
  return [
    `${indent}lost: ${perTable(t.lost)}`,
    `${indent}duplicated: ${perTable(t.duplicated)}`,
    `${indent}changed: ${perTable(t.changed)}`,
    `${indent}hangs: ${t.hangs}; crawl runs left running: ${t.runningRuns}; rounds whose trend tables a full rollup changes: ${t.staleRounds}; rounds with canonical links unlike resolving all postings at once: ${t.canonicalsOff}`, // prettier-ignore
  ];
}

/** The totals: rounds, faults by kind, and what was lost, duplicated or hung, by kind and in all. */
export function formatTotals(
  rounds: readonly { kind: string | null; report: RoundReport }[],
): string[] {
  const lines = [`rounds run: ${rounds.length}`];
  const byKind = [...FAULT_KINDS, null].map((kind) => ({ kind, reports: rounds.filter((r) => r.kind === kind).map((r) => r.report) })); // prettier-ignore
  lines.push(`faults by kind: ${byKind.filter((k) => k.kind && k.reports.length > 0).map((k) => `${k.kind} ${k.reports.length} (${tally(k.reports).injected} injected)`).join(', ') || 'none'}`); // prettier-ignore
  for (const { kind, reports } of byKind) {
    if (reports.length === 0) continue;
    const t = tally(reports);
    lines.push(`${kind ?? 'no fault (reference check)'}: ${t.rounds} rounds, ${t.failed} failed (${t.driftOnly} by the canonical choice only)`); // prettier-ignore
    if (t.failed > 0) lines.push(...tallyLines(t, '  '));
  }
  const total = tally(rounds.map((r) => r.report));
  lines.push(`in total: ${total.rounds} rounds, ${total.failed} failed (${total.driftOnly} by the canonical choice only)`, ...tallyLines(total, '  ')); // prettier-ignore
  return lines;
}
