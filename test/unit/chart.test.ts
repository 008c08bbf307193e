import { describe, expect, it } from 'vitest';
import {
  CHART_WIDTH,
  fittedAxis,
  lineChart,
  MAX_LABEL_CHARS,
  MEDIAN_MARKER,
  NARROW_CHART_WIDTH,
  PALETTE,
  RANGE_BAR,
  rangeChart,
  responsiveChart,
  shortLabel,
} from '../../src/report/charts.js';
import { STYLES } from '../../src/report/markup.js';
import { dayLabel, timeLabel, weekAxisLabels, weekSpanLabel } from '../../src/report/dates.js';

/** The numbers an SVG writes as text (axis labels), in order. */
const numbersOf = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([\d,.]+)<\/text>/g)].map((m) => Number(m[1]!.replace(/,/g, '')));

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const WEEKS = ['1 Jun', '8 Jun', '15 Jun', '22 Jun', '29 Jun', '6 Jul'];

describe('charts', () => {
  it('fits a rate axis to its values with a margin, never from 0 for rates of 400 to 700', () => {
    const axis = fittedAxis([400, 520, null, 700, 655]);
    expect(axis).toBeDefined();
    expect(axis!.min).toBeGreaterThan(0);
    expect(axis!.min).toBeLessThan(400);
    expect(axis!.max).toBeGreaterThan(700);
    expect(axis!.max - axis!.min).toBeLessThanOrEqual(600);
    // Bounds on the axis's own round interval, so its first and last labels are round.
    expect(axis!.min % axis!.interval).toBe(0);
    expect(axis!.max % axis!.interval).toBe(0);
    expect(fittedAxis([null, null])).toBeUndefined();
    // One value: a margin around it.
    expect(fittedAxis([500])!.min).toBeLessThan(500);
  });

  it('draws a rate chart whose lowest axis label is above 0, a count chart from 0', () => {
    const rates = lineChart(
      'rates',
      WEEKS,
      [{ name: 'median', data: [400, 450, null, 520, 610, 700] }],
      { yAxis: 'fit' },
    );
    const rateLabels = numbersOf(rates);
    expect(Math.min(...rateLabels)).toBeGreaterThan(0);
    expect(Math.min(...rateLabels)).toBeLessThanOrEqual(400);
    const counts = lineChart('counts', WEEKS, [{ name: 'postings', data: [3, 5, 8, 2, 9, 4] }]);
    expect(Math.min(...numbersOf(counts))).toBe(0);
  });

  it("takes its container's width: a viewBox of the content width and width 100%", () => {
    const svg = lineChart('c', WEEKS, [{ name: 'postings', data: [1, 2, 3, 4, 5, 6] }]);
    const open = /^<svg [^>]*>/.exec(svg)![0];
    expect(open).toContain('width="100%"');
    expect(open).toContain(`viewBox="0 0 ${CHART_WIDTH} `);
    expect(open).not.toMatch(/height="\d+"/);
    expect(open).toContain('data-chart="c"');
  });

  it('draws the median solid, p25 and p75 dashed, p10 and p90 dotted, each kind once in the legend', () => {
    const svg = lineChart(
      'percentiles',
      WEEKS.slice(0, 3),
      [
        { name: 'median', data: [500, 520, 540], color: '#0969da', line: 'solid' },
        { name: 'p25 and p75', data: [450, 470, 480], color: '#1b7c83', line: 'dashed' },
        { name: 'p25 and p75', data: [560, 570, 590], color: '#1b7c83', line: 'dashed' },
        { name: 'p10 and p90', data: [400, 420, 430], color: '#57606a', line: 'dotted' },
        { name: 'p10 and p90', data: [600, 620, 650], color: '#57606a', line: 'dotted' },
      ],
      { yAxis: 'fit' },
    );
    for (const name of ['median', 'p25 and p75', 'p10 and p90']) {
      expect(svg.match(new RegExp(`>${name}</text>`, 'g')), name).toHaveLength(1);
    }
    // Each colour's strokes (lines and legend icons) and their dash patterns.
    const dashes = new Map<string, Set<string>>();
    for (const [tag] of svg.matchAll(/<path [^>]*stroke="#[0-9a-f]{6}"[^>]*>/g)) {
      const stroke = /stroke="(#[0-9a-f]{6})"/.exec(tag)![1]!;
      const dash = /stroke-dasharray="([^"]*)"/.exec(tag)?.[1] ?? 'none';
      dashes.set(stroke, (dashes.get(stroke) ?? new Set()).add(dash));
    }
    expect([...dashes.get('#0969da')!]).toEqual(['none']);
    // Points are drawn undashed; lines and their legend icons dashed (a dash twice its gap)
    // or dotted (dots as long as their gaps).
    const dashed = [...dashes.get('#1b7c83')!].filter((d) => d !== 'none');
    const dotted = [...dashes.get('#57606a')!].filter((d) => d !== 'none');
    expect(dashed.length).toBeGreaterThan(0);
    expect(dotted.length).toBeGreaterThan(0);
    for (const d of dashed) {
      const [dash, gap] = d.split(',').map(Number);
      expect(dash, d).toBe(2 * gap!);
    }
    for (const d of dotted) expect(d).toMatch(/^[\d.]+$/);
  });

  it('draws a chart for the content width and one for a phone, the styles showing one of them', () => {
    const svg = responsiveChart('r', (id, width) =>
      lineChart(id, WEEKS, [{ name: 'postings', data: [1, 2, 3, 4, 5, 6] }], { width }),
    );
    const opens = [...svg.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
    expect(opens).toHaveLength(2);
    expect(opens[0]).toContain('class="chart-wide"');
    expect(opens[0]).toContain(`viewBox="0 0 ${CHART_WIDTH} `);
    expect(opens[0]).toContain('data-chart="r"');
    expect(opens[1]).toContain('class="chart-narrow"');
    expect(opens[1]).toContain(`viewBox="0 0 ${NARROW_CHART_WIDTH} `);
    expect(opens[1]).toContain('data-chart="r-narrow"');
    for (const open of opens) expect(open).toContain('width="100%"');
    // The two drawings share no SVG id, so a page holds both.
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(STYLES).toContain('svg.chart-narrow { display: none; }');
    expect(STYLES).toMatch(
      /@media \(max-width: 40rem\) \{ svg\.chart-wide \{ display: none; \} svg\.chart-narrow \{ display: block; \} \}/,
    );
  });

  it('gives names room, and cuts a long one with an ellipsis keeping the full name as title', () => {
    const long = 'Security Information and Event Management Engineering';
    const svg = rangeChart('r', [
      { name: 'Software Development', p25: 500, median: 600, p75: 700 },
      { name: long, p25: 450, median: 520, p75: 690 },
    ]);
    // Labels end at the grid's left edge (text-anchor end): it leaves the name's width.
    const label =
      /<text[^>]*transform="translate\((\d+) [^"]*"[^>]*>Software Development<\/text>/.exec(svg);
    expect(label).not.toBeNull();
    expect(Number(label![1])).toBeGreaterThanOrEqual('Software Development'.length * 6);
    const cut = shortLabel(long);
    expect(cut).toBe('Security Information and…');
    expect(cut.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
    expect(svg).toContain(`<title>${long}</title>${cut}</text>`);
    // The rate axis fits the rates.
    expect(Math.min(...numbersOf(svg))).toBeGreaterThan(0);
  });

  it('draws medians and lines with enough contrast', () => {
    expect(contrast(MEDIAN_MARKER, RANGE_BAR)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(RANGE_BAR, '#ffffff')).toBeGreaterThanOrEqual(1.8);
    for (const colour of PALETTE) expect(contrast(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    const svg = rangeChart('m', [{ name: 'AWS', p25: 500, median: 600, p75: 700 }]);
    expect(svg).toContain(`fill="${MEDIAN_MARKER}"`);
  });
});

describe('dates', () => {
  it('prints days as "8 Jun 2026", and week axes with the year only when they span years', () => {
    expect(dayLabel('2026-06-08')).toBe('8 Jun 2026');
    expect(dayLabel(new Date('2026-09-21T23:30:00Z'))).toBe('21 Sep 2026');
    expect(timeLabel(new Date('2026-12-03T03:14:59Z'))).toBe('3 Dec 2026 03:14');
    expect(weekAxisLabels(['2026-06-08', '2026-06-15'])).toEqual(['8 Jun', '15 Jun']);
    expect(weekAxisLabels(['2025-12-29', '2026-01-05'])).toEqual(['29 Dec 2025', '5 Jan 2026']);
    expect(weekSpanLabel(['2025-12-29', '2026-01-05', '2026-01-12'])).toBe(
      '29 Dec 2025 – 12 Jan 2026',
    );
    expect(weekSpanLabel([])).toBe('');
  });
});
