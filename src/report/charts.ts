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
  readonly name: string;
  /** One value per category; null draws a gap. */
  readonly data: readonly (number | null)[];
}

export interface RangeLine {
  readonly name: string;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
}

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 11 };

/**
 * Renders an ECharts option to an SVG string on the server. ECharts numbers its SVG ids
 * by a process-wide counter; they are renamed after the chart's id, so a page holding
 * several charts has unique ids and the same data always gives the same SVG.
 */
function renderSvg(
  id: ChartId,
  option: EChartsCore.EChartsCoreOption,
  width: number,
  height: number,
): string {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: FONT, ...option });
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
    return svg.replace('<svg ', `<svg role="img" aria-label="chart" data-chart="${id}" `);
  } finally {
    chart.dispose();
  }
}

/** Weekly figures of a few series as lines with a point per week. */
export function lineChart(
  id: ChartId,
  categories: readonly string[],
  series: readonly LineSeries[],
  options: { readonly width?: number; readonly height?: number; readonly yName?: string } = {},
): string {
  return renderSvg(
    id,
    {
      legend: { top: 0, type: 'plain', textStyle: FONT },
      grid: { left: 48, right: 16, top: series.length > 3 ? 48 : 32, bottom: 28 },
      xAxis: { type: 'category', data: [...categories], boundaryGap: false },
      yAxis: { type: 'value', name: options.yName, minInterval: 1 },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: [...s.data],
        showSymbol: true,
        showAllSymbol: true,
        symbolSize: 4,
        connectNulls: false,
      })),
    },
    options.width ?? 720,
    options.height ?? 280,
  );
}

/**
 * Interquartile ranges as horizontal bars from p25 to p75, the median as a point on each:
 * one row per line, the first at the top.
 */
export function rangeChart(
  id: ChartId,
  lines: readonly RangeLine[],
  options: { readonly width?: number; readonly unit?: string } = {},
): string {
  const names = lines.map((l) => l.name).reverse();
  const rows = [...lines].reverse();
  return renderSvg(
    id,
    {
      legend: { top: 0, data: ['p25–p75', 'median'], textStyle: FONT },
      grid: { left: 140, right: 24, top: 28, bottom: 28 },
      yAxis: { type: 'category', data: names },
      xAxis: { type: 'value', name: options.unit, scale: true },
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
          barWidth: 10,
          data: rows.map((l) => l.p75 - l.p25),
        },
        { type: 'scatter', name: 'median', symbolSize: 9, data: rows.map((l, i) => [l.median, i]) },
      ],
    },
    options.width ?? 720,
    48 + 26 * Math.max(lines.length, 1),
  );
}
