import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export interface PanelQuery {
  dashboard: string;
  panel: string;
  rawSql: string;
  /** The template variables the dashboard defines. */
  variables: string[];
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
      templating?: { list: { name: string; type: string; query: string }[] };
    };
    const templates = dashboard.templating?.list ?? [];
    const variables = templates.map((t) => t.name);
    for (const t of templates.filter((t) => t.type === 'query')) {
      queries.push({ dashboard: file, panel: `variable $${t.name}`, rawSql: t.query, variables });
    }
    const visit = (panel: Panel) => {
      for (const target of panel.targets ?? []) {
        if (target.rawSql)
          queries.push({ dashboard: file, panel: panel.title, rawSql: target.rawSql, variables });
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

/** The values the tests give the dashboards' template variables. */
export const TEST_VARIABLES: Readonly<Record<string, string>> = {
  skill: 'aws',
  segment: 'all',
  role: 'cloud-engineer',
};

/**
 * Expands the Grafana PostgreSQL macros and the template variables the dashboards use
 * into plain SQL; a variable the test does not know is left as it is, and fails.
 */
export function expandMacros(rawSql: string): string {
  return rawSql
    .replace(/\$(?!__)(\w+)/g, (whole, name: string) => TEST_VARIABLES[name] ?? whole)
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
