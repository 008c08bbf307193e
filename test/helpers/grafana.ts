import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  rawSql: string;
}

interface Panel {
  title: string;
  targets?: { rawSql?: string }[];
  panels?: Panel[];
}

/** Every panel query of every dashboard under dashboards/grafana. */
export function dashboardQueries(): PanelQuery[] {
  const folder = path.join(ROOT, 'dashboards', 'grafana');
  const queries: PanelQuery[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as {
      panels: Panel[];
    };
    const visit = (panel: Panel) => {
      for (const target of panel.targets ?? []) {
        if (target.rawSql)
          queries.push({ dashboard: file, panel: panel.title, rawSql: target.rawSql });
      }
      panel.panels?.forEach(visit);
    };
    dashboard.panels.forEach(visit);
  }
  return queries;
}

const FROM = "'2026-01-01T00:00:00Z'::timestamptz";
const TO = "'2026-12-31T00:00:00Z'::timestamptz";
const INTERVALS: Record<string, string> = {
  '1h': 'hour',
  '1d': 'day',
  '1w': 'week',
  '1M': 'month',
};

/** Expands the Grafana PostgreSQL macros the dashboards use into plain SQL. */
export function expandMacros(rawSql: string): string {
  return rawSql
    .replace(/\$__timeFilter\(((?:[^()]|\([^()]*\))+)\)/g, `$1 BETWEEN ${FROM} AND ${TO}`)
    .replace(
      /\$__timeGroupAlias\(([^,]+),\s*'([^']+)'\)/g,
      (_m, column: string, interval: string) => {
        const unit = INTERVALS[interval];
        if (unit === undefined) throw new Error(`unsupported interval ${interval}`);
        return `date_trunc('${unit}', ${column}) AS "time"`;
      },
    )
    .replace(/\$__timeFrom\(\)/g, FROM)
    .replace(/\$__timeTo\(\)/g, TO);
}
