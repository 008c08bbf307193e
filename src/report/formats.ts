import type { ReportFormat } from '../db/schema.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { WeeklyReport } from './weekly-model.js';

/** The weekly report's formats: HTML with charts to read and print, Markdown for e-mail and chat, JSON for machines. */
export const REPORT_FORMATS = ['html', 'md', 'json'] as const satisfies readonly ReportFormat[];
export type BuiltFormat = (typeof REPORT_FORMATS)[number];

/** The report in one format, as stored and as written to files: the same text wherever made. */
export function renderReport(report: WeeklyReport, format: BuiltFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
