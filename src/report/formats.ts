import type { ReportFormat } from '../db/schema.js';
import { renderMarkdown } from './markdown.js';
import type { WeeklyReport } from './weekly.js';

/** The formats the weekly report is made in so far: Markdown for e-mail and chat, JSON for machines. */
export const REPORT_FORMATS = ['md', 'json'] as const satisfies readonly ReportFormat[];
export type BuiltFormat = (typeof REPORT_FORMATS)[number];

/** The report in one format, as stored and as written to files: the same text wherever made. */
export function renderReport(report: WeeklyReport, format: BuiltFormat): string {
  return format === 'md' ? renderMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`;
}
