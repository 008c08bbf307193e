import { createRequire } from 'node:module';
import type * as EChartsCharts from 'echarts/charts';
import type * as EChartsComponents from 'echarts/components';
import type * as EChartsCore from 'echarts/core';
import type * as EChartsRenderers from 'echarts/renderers';

const require = createRequire(import.meta.url);
let loaded: typeof EChartsCore | undefined;

/**
 * ECharts, loaded on the first chart: it takes ~0.4 s to load, and every CLI command
 * imports the report renderers, most of them never to draw a chart.
 */
function echarts(): typeof EChartsCore {
  if (loaded) return loaded;
  const core = require('echarts/core') as typeof EChartsCore;
  const { BarChart, LineChart, ScatterChart } = require('echarts/charts') as typeof EChartsCharts;
  const { GridComponent, LegendComponent } =
    require('echarts/components') as typeof EChartsComponents;
  const { SVGRenderer } = require('echarts/renderers') as typeof EChartsRenderers;
  core.use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, SVGRenderer]);
  loaded = core;
  return core;
}

/** A chart's id within its page: SVG ids (clip paths, gradients) are prefixed with it. */
export type ChartId = string;

export interface LineSeries {
  /** Its name in the legend: series of one name share one entry (p25 and p75, say). */
  readonly name: string;
  /** One value per category; null draws a gap. */
  readonly data: readonly (number | null)[];
  /** A colour of its own (else the palette's next). */
  readonly color?: string;
  /**
   * How the line is drawn: secondary figures dashed or dotted, thinner, so that each
   * kind of line reads apart from the others and in the legend. @defaultValue 'solid'
   */
  readonly line?: 'solid' | 'dashed' | 'dotted';
}

export interface RangeLine {
  readonly name: string;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
}

/**
 * The width charts are drawn at: the page's content width (STYLES: 980 px less padding),
 * so text is drawn at its size on a desktop; the SVG scales to its container below that.
 */
export const CHART_WIDTH = 940;
/**
 * The width charts are drawn at for a narrow screen (STYLES shows it up to 40rem): on a
 * phone 375 px wide (335 px of content) its 12 px text is 10 px, where the content-width
 * drawing would shrink it to 4 px.
 */
export const NARROW_CHART_WIDTH = 400;

/**
 * Line colours, each at least 4.5:1 against the white page (WCAG AA for text, so also
 * for thin lines and small markers), and told apart by hue.
 */
export const PALETTE = [
  '#0969da',
  '#cf222e',
  '#1a7f37',
  '#8250df',
  '#bc4c00',
  '#1b7c83',
  '#57606a',
];
/** The interquartile bar: light, so the dark median marker on it stands out (9:1). */
export const RANGE_BAR = '#8cb8f0';
export const MEDIAN_MARKER = '#1f2328';
const AXIS_TEXT = '#59636e';

/**
 * Arial's metrics first: ECharts places text on the server by a table of Arial-like
 * widths, so a wider font (DejaVu, the Linux fallback) would overrun legends and labels.
 */
const FONT = {
  fontFamily: "Arial, 'Liberation Sans', Helvetica, sans-serif",
  fontSize: 12,
  color: AXIS_TEXT,
};

/** Category labels longer than this are cut with an ellipsis; the full name is the label's title. */
export const MAX_LABEL_CHARS = 26;
/** Width of a label of `chars` characters at FONT, a little over Arial's average. */
const labelWidth = (chars: number) => Math.ceil(chars * FONT.fontSize * 0.58);

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A name as a category label: cut to MAX_LABEL_CHARS with an ellipsis. */
export const shortLabel = (name: string) =>
  name.length > MAX_LABEL_CHARS ? `${name.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : name;

/** The round step (1, 2 or 5 times a power of ten) nearest above `raw`. */
function roundStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return (raw / power <= 1 ? 1 : raw / power <= 2 ? 2 : raw / power <= 5 ? 5 : 10) * power;
}

/**
 * An axis that fits its values with a margin instead of starting at 0: rates of 400 to
 * 700 are read on 350 to 750, not squeezed into the top of 0 to 800. Bounds are
 * multiples of the axis's round interval (about five of them); undefined (ECharts' own
 * axis) without values.
 */
export function fittedAxis(
  values: readonly (number | null)[],
): { min: number; max: number; interval: number } | undefined {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return undefined;
  const low = Math.min(...present);
  const high = Math.max(...present);
  const span = high - low || Math.abs(high) * 0.2 || 1;
  const interval = roundStep((span * 1.2) / 5);
  const min = Math.floor((low - span * 0.1) / interval) * interval;
  const max = Math.ceil((high + span * 0.1) / interval) * interval;
  return { min: low >= 0 ? Math.max(0, min) : min, max, interval };
}

/**
 * Renders an ECharts option to an SVG string on the server. ECharts numbers its SVG ids
 * by a process-wide counter; they are renamed after the chart's id, so a page holding
 * several charts has unique ids and the same data always gives the same SVG. The SVG
 * keeps its viewBox and takes its container's width (height by its aspect ratio).
 */
function renderSvg(
  id: ChartId,
  option: EChartsCore.EChartsCoreOption,
  width: number,
  height: number,
): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: FONT, color: PALETTE, ...option });
    const names = new Map<string, string>();
    const counts = new Map<string, number>();
    // ids and classes like zr7-c0, zr7-cls-12: renumbered by first appearance, per kind.
    const svg = chart
      .renderToSVGString()
      .replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (token, kind: string) => {
        let name = names.get(token);
        if (name === undefined) {
          const n = counts.get(kind) ?? 0;
          counts.set(kind, n + 1);
          name = `${id}-${kind}${n}`;
          names.set(token, name);
        }
        return name;
      });
    return svg.replace(
      /^<svg ([^>]*?)width="\d+" height="\d+"/,
      `<svg role="img" aria-label="chart" data-chart="${id}" $1width="100%" preserveAspectRatio="xMinYMin meet"`,
    );
  } finally {
    chart.dispose();
  }
}

/**
 * A chart drawn twice, at CHART_WIDTH and at NARROW_CHART_WIDTH (its id then ending in
 * "-narrow"), each SVG taking its container's width: the page's styles (STYLES) show the
 * one that suits the screen, so text stays readable on a phone without any script.
 */
export function responsiveChart(id: ChartId, draw: (id: ChartId, width: number) => string): string {
  const drawn = (chartId: ChartId, width: number, className: string) =>
    draw(chartId, width).replace(/^<svg /, `<svg class="${className}" `);
  return (
    drawn(id, CHART_WIDTH, 'chart-wide') + drawn(`${id}-narrow`, NARROW_CHART_WIDTH, 'chart-narrow')
  );
}

export interface LineChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly yName?: string;
  /**
   * 'zero' (counts: the axis starts at 0) or 'fit' (rates: the axis fits the values with
   * a margin, see fittedAxis). @defaultValue 'zero'
   */
  readonly yAxis?: 'zero' | 'fit';
}

/** Weekly figures of a few series as lines with a point per week. */
export function lineChart(
  id: ChartId,
  categories: readonly string[],
  series: readonly LineSeries[],
  options: LineChartOptions = {},
): string {
  const width = options.width ?? CHART_WIDTH;
  const fitted = options.yAxis === 'fit' ? fittedAxis(series.flatMap((s) => s.data)) : undefined;
  // A legend row holds what fits of the width; ECharts wraps the rest onto more rows.
  const legendChars = series.reduce((sum, s) => sum + s.name.length + 6, 0);
  const legendRows = Math.max(1, Math.ceil(labelWidth(legendChars) / (width - 32)));
  return renderSvg(
    id,
    {
      legend: { top: 0, type: 'plain', itemGap: 16, textStyle: FONT },
      grid: { left: 56, right: 24, top: 16 + 24 * legendRows, bottom: 32 },
      xAxis: {
        type: 'category',
        data: [...categories],
        boundaryGap: false,
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        name: options.yName,
        minInterval: 1,
        ...(fitted ?? {}),
      },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: [...s.data],
        showSymbol: true,
        showAllSymbol: true,
        symbolSize: 4,
        connectNulls: false,
        ...(s.color ? { color: s.color } : {}),
        // Solid lines (the main figures) are drawn over the dashed and dotted ones.
        z: (s.line ?? 'solid') === 'solid' ? 3 : 2,
        lineStyle: { width: (s.line ?? 'solid') === 'solid' ? 2 : 1.5, type: s.line ?? 'solid' },
      })),
    },
    width,
    (options.height ?? 280) + 24 * (legendRows - 1),
  );
}

/**
 * Interquartile ranges as horizontal bars from p25 to p75, the median as a dark point on
 * each: one row per line, the first at the top. The value axis fits the rates; names
 * get the room they need up to MAX_LABEL_CHARS, longer ones are cut and keep their full
 * name as the label's title.
 */
export function rangeChart(
  id: ChartId,
  lines: readonly RangeLine[],
  options: { readonly width?: number; readonly unit?: string } = {},
): string {
  const rows = [...lines].reverse();
  const labels = rows.map((l) => shortLabel(l.name));
  const longest = Math.max(0, ...labels.map((label) => label.length));
  const fitted = fittedAxis(lines.flatMap((l) => [l.p25, l.p75, l.median]));
  const svg = renderSvg(
    id,
    {
      legend: { top: 0, data: ['p25–p75', 'median'], textStyle: FONT },
      grid: { left: labelWidth(longest) + 16, right: 40, top: 32, bottom: 28 },
      yAxis: { type: 'category', data: labels, axisLabel: { color: FONT.color } },
      xAxis: {
        type: 'value',
        name: options.unit,
        axisLabel: { hideOverlap: true },
        ...(fitted ?? { scale: true }),
      },
      series: [
        // An invisible bar up to p25 carries the visible p25–p75 bar stacked on it.
        {
          type: 'bar',
          stack: 'range',
          silent: true,
          itemStyle: { color: 'transparent' },
          data: rows.map((l) => l.p25),
        },
        {
          type: 'bar',
          stack: 'range',
          name: 'p25–p75',
          barWidth: 12,
          itemStyle: { color: RANGE_BAR },
          data: rows.map((l) => l.p75 - l.p25),
        },
        {
          type: 'scatter',
          name: 'median',
          symbolSize: 10,
          itemStyle: { color: MEDIAN_MARKER, borderColor: '#ffffff', borderWidth: 1 },
          data: rows.map((l, i) => [l.median, i]),
        },
      ],
    },
    options.width ?? CHART_WIDTH,
    52 + 26 * Math.max(lines.length, 1),
  );
  return withLabelTitles(
    svg,
    rows.map((l) => l.name),
  );
}

/** Each cut label's full name as its <title>, which browsers show on hover and read out. */
function withLabelTitles(svg: string, names: readonly string[]): string {
  let titled = svg;
  for (const name of names) {
    const label = shortLabel(name);
    if (label === name) continue;
    const text = `>${escapeXml(label)}</text>`;
    titled = titled.replace(text, `><title>${escapeXml(name)}</title>${escapeXml(label)}</text>`);
  }
  return titled;
}
