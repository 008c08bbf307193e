const BARS = '▁▂▃▄▅▆▇█';

/**
 * A series as one line of block characters, lowest value to highest; a missing value is
 * a space. A flat series sits on the lowest bar.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(values.length);
  const low = Math.min(...present);
  const span = Math.max(...present) - low;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const level = span === 0 ? 0 : Math.round(((v - low) / span) * (BARS.length - 1));
      return BARS[level];
    })
    .join('');
}
