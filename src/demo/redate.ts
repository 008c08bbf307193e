import type { MarketPosting } from './market.js';

/*
 * The real recordings the fixture web serves as recorded (a Greenhouse, a Lever and an
 * Ashby board) carry their real dates, from 2021 to 2026. In the demo those dates would
 * open weeks years before the simulated market, each holding one posting. So the demo
 * serves them re-dated: every field as recorded but the dates, which are moved into the
 * market's span, their order and relative spacing kept. Tests read them as recorded.
 */

/** The first and last posting times of a market, in ms since the epoch. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export function marketSpan(market: readonly MarketPosting[]): Span | null {
  if (market.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const p of market) {
    const time = Date.parse(p.postedAt);
    from = Math.min(from, time);
    to = Math.max(to, time);
  }
  return { from, to };
}

/**
 * Times moved into `span`, in the same order and proportions: the earliest lands on its
 * start, the latest on its end (a single time, on its end).
 */
export function rescale(times: readonly number[], span: Span): number[] {
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (last === first) return times.map(() => span.to);
  return times.map((t) =>
    Math.round(span.from + ((t - first) / (last - first)) * (span.to - span.from)),
  );
}

/**
 * `time` written as `recorded` is: its offset from UTC ('-04:00', '+00:00', 'Z') and
 * whether it has milliseconds, so a re-dated field keeps its recorded form.
 */
export function likeRecorded(recorded: string, time: number): string {
  const offset = /(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(recorded);
  const sign = offset?.[1] === '-' ? -1 : 1;
  const minutes = offset?.[1] ? sign * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(time + minutes * 60_000).toISOString();
  const withFraction = /\.\d+(?:Z|[+-]\d{2}:\d{2})$/.test(recorded)
    ? local
    : local.replace(/\.\d+Z$/, 'Z');
  return offset?.[1] ? withFraction.replace(/Z$/, offset[0]) : withFraction;
}

/** A date field of a recorded item: how to read it as ms and write ms back in its form. */
export interface DateField<Item> {
  read(item: Item): number | null;
  write(item: Item, time: number): void;
}

/** An ISO date-time field, written back in its recorded form. */
export function isoField<Item extends Record<string, unknown>>(name: string): DateField<Item> {
  return {
    read: (item) => (typeof item[name] === 'string' ? Date.parse(item[name]) : null),
    write: (item, time) => {
      (item as Record<string, unknown>)[name] = likeRecorded(item[name] as string, time);
    },
  };
}

/** A field of ms since the epoch. */
export function epochMsField<Item extends Record<string, unknown>>(name: string): DateField<Item> {
  return {
    read: (item) => (typeof item[name] === 'number' ? item[name] : null),
    write: (item, time) => {
      (item as Record<string, unknown>)[name] = time;
    },
  };
}

/**
 * The items with every date field re-dated together into `span` (in place): one scale
 * for all of them, so a job updated after it was published still is.
 */
export function redateItems<Item>(
  items: readonly Item[],
  fields: readonly DateField<Item>[],
  span: Span,
): void {
  const dated = items.flatMap((item) =>
    fields.flatMap((field) => {
      const time = field.read(item);
      return time === null || Number.isNaN(time) ? [] : [{ item, field, time }];
    }),
  );
  if (dated.length === 0) return;
  const moved = rescale(
    dated.map((d) => d.time),
    span,
  );
  dated.forEach((d, i) => d.field.write(d.item, moved[i]!));
}
