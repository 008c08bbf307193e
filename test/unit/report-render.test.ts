import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/formats.js';
import { renderHtml } from '../../src/report/html.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import type {
  DemandLine,
  RateRange,
  ReportSection,
  WeeklyReport,
} from '../../src/report/weekly-model.js';

/*
 * The report's renderers on a hand-built model: every figure a reader expects is shown,
 * "–" and "†" are explained, and names read as written.
 */

const range = (median: number, count: number, change13w: number | null = null): RateRange => ({
  p10: median * 0.8,
  p25: median * 0.9,
  median,
  p75: median * 1.1,
  p90: median * 1.2,
  count,
  change13w,
  smallSample: count < 5,
});

const line = (over: Partial<DemandLine> & Pick<DemandLine, 'id' | 'name'>): DemandLine => ({
  postings: 40,
  share: 0.4,
  rank: 1,
  rankChange1w: 0,
  rankChange52w: null,
  change1w: 0.1,
  change13w: null,
  dayRate: null,
  hourlyRate: null,
  annualSalary: null,
  smallSample: false,
  ...over,
});

const NODE = line({
  id: 'nodejs',
  name: 'Node.js',
  rank: 1,
  rankChange52w: 3,
  change13w: 0.25,
  dayRate: range(550, 12, 0.05),
  hourlyRate: range(70, 6),
  annualSalary: range(85000, 7),
});
const CSHARP = line({
  id: 'csharp',
  name: 'C#',
  rank: 2,
  postings: 8,
  share: 0.08,
  rankChange52w: -2,
  smallSample: true,
  dayRate: range(500, 2),
});

const section = (
  category: string | null,
  name: string,
  topSkills: DemandLine[],
): ReportSection => ({
  category,
  name,
  demand: category === null ? null : line({ id: category, name, postings: 48, share: 0.48 }),
  topSkills,
  risers: [],
  fallers: [],
  related: [],
  history: [],
});

const REPORT: WeeklyReport = {
  week: '2026-11-16',
  label: '2026-W47',
  currency: 'GBP',
  market: {
    postings: 100,
    newPostings: 20,
    change1w: 0.1,
    change13w: null,
    dayRate: range(525, 30),
    hourlyRate: range(65, 8),
    annualSalary: range(80000, 9),
    breakdowns: {
      country: [
        { value: 'GB', postings: 60, share: 0.6, dayRateMedian: 540, dayRateCount: 20 },
        { value: 'DE', postings: 10, share: 0.1, dayRateMedian: null, dayRateCount: 0 },
      ],
      workMode: [
        { value: 'remote', postings: 45, share: 0.45, dayRateMedian: 560, dayRateCount: 14 },
      ],
    },
  },
  historyWeeks: [],
  overall: section(null, 'All skills', [NODE, CSHARP]),
  categories: [section('software-engineering', 'Software engineering', [NODE, CSHARP])],
  methodology: {
    sources: [],
    degraded: [],
    duplicates: 0,
    moverWindowWeeks: 13,
    moverMaxPValue: 0.01,
    moverMinSupport: 25,
    moverMinWindowPostings: 150,
    weeksOfHistory: 8,
    relatedWeek: null,
  },
};

describe('escapeMarkdown', () => {
  it('leaves names as written where Markdown would not read them as markup', () => {
    for (const name of [
      'Node.js',
      'C#',
      'software-engineering',
      'C++',
      'ASP.NET (Core)',
      'snake_case',
      "O'Reilly",
      '.NET!',
    ])
      expect(escapeMarkdown(name)).toBe(name);
  });

  it('escapes what would start markup inside a line', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('**x** _y_ `z` ~w~')).toBe('\\*\\*x\\*\\* \\_y\\_ \\`z\\` \\~w\\~');
    expect(escapeMarkdown('[link](http://x)')).toBe('\\[link\\](http://x)');
    expect(escapeMarkdown('<b>')).toBe('\\<b>');
    expect(escapeMarkdown('x &amp; y & z')).toBe('x \\&amp; y & z');
    expect(escapeMarkdown('one\n# two')).toBe('one \\# two');
    expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash');
  });
});

describe('the weekly report in Markdown', () => {
  const md = renderMarkdown(REPORT);

  it('heads sections with category names and prints names unescaped', () => {
    expect(md).toContain('\n## Software engineering\n');
    expect(md).not.toContain('software-engineering');
    expect(md).toContain('| Node.js |');
    expect(md).toContain('| C# |');
    expect(md).not.toMatch(/\\[.#-]/);
  });

  it('shows the year-ago rank change, p10–p90, hourly rates and annual salaries', () => {
    expect(md).toContain(
      '| 1 | Node.js | 40 | 40.0% | +10% | +25% | +3 | 550 (495–605) +5% | 440–660 | 12 | 70 (6) | 85,000 (7) |',
    );
    expect(md).toContain(
      '| 2 | C# | 8 † | 8.0% | +10% | – | −2 | 500 (450–550) – † | 400–600 | 2 | – | – |',
    );
    expect(md).toContain('Median hourly rate 65 (59–72) – from 8 rates.');
    expect(md).toContain(
      'Median annual salary 80,000 (72,000–88,000) –, p10–p90 64,000–96,000, from 9 salaries.',
    );
  });

  it('explains "–" and "†" under every table, with the weeks of history there are', () => {
    const legend =
      '– : no figure. The 13-week columns need 13 weeks of history and "rank, 1 year" needs 52 (8 weeks rolled up to this one); a rate needs one quoted. † : fewer than 10 postings or 5 rates.';
    expect(md.split(legend)).toHaveLength(3);
  });

  it('breaks the week down by country and work mode', () => {
    expect(md).toContain('## Where and how');
    expect(md).toContain('| GB | 60 | 60.0% | 540 | 20 |');
    expect(md).toContain('| DE | 10 | 10.0% | – | 0 |');
    expect(md).toContain('| remote | 45 | 45.0% | 560 | 14 |');
  });

  it('says "not stated" for postings without a country or work mode, as the dashboard does', () => {
    const line = (value: string, postings: number) => ({
      value,
      postings,
      share: postings / 100,
      dayRateMedian: null,
      dayRateCount: 0,
    });
    const breakdowns = {
      country: [line('GB', 60), line('unknown', 40)],
      workMode: [line('onsite', 70), line('unknown', 30)],
    };
    const report = { ...REPORT, market: { ...REPORT.market, breakdowns } };
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('| not stated | 40 | 40.0% | – | 0 |');
    expect(markdown).toContain('| on site | 70 | 70.0% | – | 0 |');
    expect(markdown).toContain('| not stated | 30 | 30.0% | – | 0 |');
    const page = renderHtml(report);
    expect(page).toContain('<td>not stated</td><td>40</td>');
    expect(page).toContain('<td>on site</td><td>70</td>');
    for (const text of [markdown, page]) expect(text).not.toMatch(/\bunknown\b|\bonsite\b/);
  });

  it("states the movers' rules with the numbers of the settings they were judged by", () => {
    const rule =
      "Rising and falling: a skill's share of the new postings in the 13 weeks to this one against its share in the 13 weeks before, two-proportion z-test, p ≤ 0.01. A skill is only called rising or falling when each of the two periods holds at least 150 new postings in all, and when at least 25 postings ask for it in the period its share is the higher in (the later one for a riser, the earlier one for a faller)";
    expect(md).toContain(rule);
    expect(renderHtml(REPORT)).toContain(rule);
  });

  it('names the related-skills week as an ISO week, as every other week is named', () => {
    const related = {
      ...REPORT,
      methodology: { ...REPORT.methodology, relatedWeek: '2026-11-16' },
    };
    expect(renderMarkdown(related)).toContain('lift over the 13 weeks to 2026-W47;');
    expect(md).toContain('lift over the 13 weeks to (none computed for this week');
  });

  it('keeps every table row as wide as its header', () => {
    for (const table of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const counts = table.split('\n').map((l) => l.split(/(?<!\\)\|/).length);
      expect(new Set(counts).size, table).toBe(1);
    }
  });
});

describe('the weekly report in HTML and JSON', () => {
  it('shows the same figures and footnote in HTML', () => {
    const page = renderHtml(REPORT);
    expect(page).toContain('<h2>Software engineering</h2>');
    expect(page).toContain('<a href="#category-software-engineering">Software engineering</a>');
    expect(page).toContain('<th>rank, 1 year</th>');
    expect(page).toContain('<td>+3</td>');
    expect(page).toContain('<td>440–660</td>');
    expect(page).toContain('<td>85,000 <span class="muted">(7)</span></td>');
    expect(page).toContain('<h2>Where and how</h2>');
    expect(page).toContain('<td>GB</td><td>60</td><td>60.0%</td><td>540</td><td>20</td>');
    expect(page).toContain('– : no figure. The 13-week columns need 13 weeks of history');
  });

  it('carries every figure in JSON', () => {
    const json = JSON.parse(renderReport(REPORT, 'json')) as WeeklyReport;
    expect(json.overall.topSkills[0]).toMatchObject({
      rankChange52w: 3,
      dayRate: { p10: 440, p90: 660 },
      hourlyRate: { median: 70 },
      annualSalary: { median: 85000, count: 7 },
    });
    expect(json.market.breakdowns.country[0]).toEqual(REPORT.market.breakdowns.country[0]);
    expect(json.methodology.weeksOfHistory).toBe(8);
  });
});
