import { InvalidArgumentError } from 'commander';
import type { SourceInstance } from '../sources/registry.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';

/** The parsers of the commands' options and arguments, shared by every command. */

export function parseDateOption(value: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected a date such as 2026-11-01');
  }
  return date;
}

/**
 * A `--week` option as users write it (2026-W47, or any date in that week) as the Monday
 * the trend tables key weeks by; undefined when not given. Read in the action, as the
 * week arithmetic loads the query builder.
 */
export async function readWeekOption(
  value: string | undefined,
  option = '--week',
): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const { parseWeek } = await import('../trends/weeks.js');
  try {
    return parseWeek(value);
  } catch (error) {
    throw new UsageError(
      `option '${option} <week>' argument '${value}' is invalid: ${(error as Error).message}`,
    );
  }
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number of 1 or more');
  }
  return n;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return port;
}

/** The sources a command names, or every enabled one; a named source that cannot run is a usage error. */
export async function pickSources(
  context: CliContext,
  names: readonly string[],
): Promise<SourceInstance[]> {
  const { resolveSources } = await import('../sources/registry.js');
  const all = resolveSources(context.getConfig());
  if (names.length === 0) return all.filter((s) => s.enabled);
  return names.map((name) => {
    const source = all.find((s) => s.id === name);
    if (!source) {
      throw new UsageError(`unknown source "${name}" (known: ${all.map((s) => s.id).join(', ')})`);
    }
    // Naming a source switched off in the configuration runs it; missing settings cannot be overridden.
    if (!source.enabled && source.disabledReason !== 'disabled in the configuration') {
      throw new UsageError(`source ${name} cannot run: ${source.disabledReason}`);
    }
    return { ...source, enabled: true };
  });
}
