import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { BadInputError } from '../errors.js';
import type { LogFormat, LogLevel } from '../log/levels.js';
import type { Environment } from './env.js';
import { CONFIG_FIELDS, type FieldKey, type RetentionLimit } from './fields.js';
import {
  rateSettingsSchema,
  trendSettingsSchema,
  type RateSettings,
  type TrendSettings,
} from './settings.js';

/** The validated, immutable configuration of one process. */
export interface Config {
  /**
   * PostgreSQL connection string. When unset, the embedded PGlite database under
   * `dataDir` is used.
   * @defaultValue undefined (PGlite)
   */
  readonly databaseUrl: string | undefined;
  /**
   * Redis connection string. When set, stages run on BullMQ; when unset, inline.
   * @defaultValue undefined (inline runner)
   */
  readonly redisUrl: string | undefined;
  /**
   * Redis key prefix of the pipeline's queues. Put a `{hash tag}` in it (`{skillpulse}`)
   * to keep every queue on one Redis Cluster slot.
   * @defaultValue `skillpulse`
   */
  readonly queuePrefix: string;
  /**
   * Directory for the embedded database and other local state.
   * @defaultValue `./.skillpulse`
   */
  readonly dataDir: string;
  /** @defaultValue `info` */
  readonly logLevel: LogLevel;
  /**
   * `auto` writes readable lines on a terminal and JSON lines otherwise.
   * @defaultValue `auto`
   */
  readonly logFormat: LogFormat;
  /**
   * The Chromium binary that Playwright launches; browsers are never downloaded.
   * @defaultValue `/usr/bin/chromium`
   */
  readonly chromiumPath: string;
  /**
   * ISO 4217 currency that normalized rates are reported in.
   * @defaultValue `USD`
   */
  readonly reportCurrency: string;
  /**
   * How crawlers introduce themselves: a URL or e-mail where site owners reach the
   * operator, put in the User-Agent.
   * @defaultValue undefined (the User-Agent says the contact is not configured)
   */
  readonly crawlContact: string | undefined;
  /**
   * The environment variables that hold sources' secrets (UPWORK_TOKEN), by name, unset
   * ones undefined: each adapter declares its own (`SourceAdapter.secrets`), and the
   * registry sets them as the source's settings the config file leaves out.
   * @defaultValue every variable undefined
   */
  readonly sourceSecrets: Readonly<Record<string, string | undefined>>;
  /**
   * The token that opens the queue dashboard (Bull Board) at /admin/queues of
   * `skillpulse serve`, as the password of HTTP basic authentication. Without it (or
   * without REDIS_URL) the board is not mounted.
   * @defaultValue undefined
   */
  readonly adminToken: string | undefined;
  /**
   * Per-source settings from the config file's `sources:` mapping, by source id: `enabled`,
   * `adapter` (for sources of a generic adapter) and the adapter's own settings.
   * @defaultValue {}
   */
  readonly sources: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * How rates are normalized, from the config file's `rates:` mapping: `daysPerWeek`,
   * `daysPerMonth` and `plausibleUsd` ranges per period (see src/config/settings.ts).
   * @defaultValue 5 days a week, 21 a month; hour 5-500, day 40-4000, year 5k-1.5M USD
   */
  readonly rates: RateSettings;
  /**
   * How movers and related skills are chosen, from the config file's `trends:` mapping:
   * `moversMinSupport`, `moversMinWindowPostings`, `moversMaxPValue`, `pairsMinPostings`,
   * `pairsWindowWeeks` (see src/config/settings.ts).
   * @defaultValue 20 postings, 100 postings, p 0.05, 3 postings, 13 weeks
   */
  readonly trends: TrendSettings;
  /**
   * How many of the newest weeks of related skills (`skill_pairs`) the weekly rollup
   * keeps; older weeks are deleted. `all` keeps every week.
   * @defaultValue 26
   */
  readonly relatedSkillsRetentionWeeks: RetentionLimit;
  /**
   * Days a processed raw listing keeps its payload as crawled (`jsonb`, readable in SQL);
   * after that the weekly rollup stores it gzip'd (`payload_gzip`), whole, so reprocessing
   * reads the same listing. `all` keeps every payload as crawled.
   * @defaultValue 90
   */
  readonly rawPayloadRetentionDays: RetentionLimit;
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
}

/** Config file mappings with their own schema: `rates:` and `trends:`. */
const SECTIONS = { rates: rateSettingsSchema, trends: trendSettingsSchema } as const;
type SectionKey = keyof typeof SECTIONS;

/** The environment variable that names an optional YAML or JSON config file. */
export const CONFIG_FILE_ENV = 'SKILLPULSE_CONFIG';

/** A configuration problem: start-up stops and the CLI exits with code 2. */
export class ConfigError extends BadInputError {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Values as environment variables (DATABASE_URL=...). Nothing else is read from the process. */
  readonly env: Environment;
  /** A config file given on the command line; wins over SKILLPULSE_CONFIG. */
  readonly configFile?: string | undefined;
  /**
   * The environment variables that hold sources' secrets, as the adapters declare them
   * (SECRET_SETTINGS of src/sources/registry.ts), read into `sourceSecrets`.
   * @defaultValue none
   */
  readonly secretVariables?: readonly string[];
}

/**
 * Builds the configuration from a config file (optional) overlaid with environment
 * variables. Every problem is collected, so one run names all bad values at once.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const problems: string[] = [];
  const configFile = options.configFile ?? emptyToUndefined(options.env[CONFIG_FILE_ENV]);
  // Where the file's path came from, for a message about the file: the flag or the variable.
  const configOrigin = options.configFile !== undefined ? '--config' : CONFIG_FILE_ENV;
  const fromFile =
    configFile === undefined ? {} : readConfigFile(configFile, configOrigin, problems);
  const values = readFields(options.env, fromFile, configFile, problems);
  const sections = readSections(fromFile, configFile, problems);
  if (typeof values.dataDir === 'string') {
    const origin = emptyToUndefined(options.env.DATA_DIR) ? 'DATA_DIR' : `dataDir in ${configFile}`;
    checkDataDir(values.dataDir, origin, problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    ...(values as Omit<Config, 'configFile' | 'sources' | 'sourceSecrets' | SectionKey>),
    sources: (fromFile.sources ?? {}) as Config['sources'],
    sourceSecrets: readSecrets(options.env, options.secretVariables ?? []),
    rates: sections.rates as RateSettings,
    trends: sections.trends as TrendSettings,
    dataDir: path.resolve(values.dataDir as string),
    configFile: configFile === undefined ? undefined : path.resolve(configFile),
  });
}

/** The config file's settings as read: unvalidated values by key. */
type FileValues = Partial<Record<FieldKey | 'sources' | SectionKey, unknown>>;

/** Each field from its environment variable, else the config file, else its default. */
function readFields(
  env: Environment,
  fromFile: FileValues,
  configFile: string | undefined,
  problems: string[],
): Partial<Record<FieldKey, unknown>> {
  const values: Partial<Record<FieldKey, unknown>> = {};
  for (const field of CONFIG_FIELDS) {
    const envValue = emptyToUndefined(env[field.env]);
    const fileValue = fromFile[field.key];
    const raw = envValue ?? (fileValue === undefined ? field.defaultValue : scalarText(fileValue));
    if (raw === undefined) {
      values[field.key] = undefined;
      continue;
    }
    const result = field.schema.safeParse(raw);
    if (result.success) {
      values[field.key] = result.data;
    } else {
      const origin = envValue !== undefined ? field.env : `${field.key} in ${configFile}`;
      const shown = field.secret ? '' : `, got ${JSON.stringify(truncate(raw, 80))}`;
      problems.push(`${origin}: expected ${field.expected}${shown}`);
    }
  }
  return values;
}

/** Each section of the config file, its defaults filling what it leaves out. */
function readSections(
  fromFile: FileValues,
  configFile: string | undefined,
  problems: string[],
): Partial<Record<SectionKey, unknown>> {
  const sections: Partial<Record<SectionKey, unknown>> = {};
  for (const [key, schema] of Object.entries(SECTIONS) as [SectionKey, z.ZodType][]) {
    const result = schema.safeParse(fromFile[key] ?? {});
    if (result.success) {
      sections[key] = result.data;
    } else {
      const issue = result.error.issues[0];
      const where = `${key}.${issue?.path.join('.') ?? ''} in ${configFile ?? 'the config file'}`;
      problems.push(`${where}: ${issue?.message ?? 'invalid'}`);
    }
  }
  return sections;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readConfigFile(file: string, origin: string, problems: string[]): FileValues {
  if (!existsSync(file)) {
    problems.push(`${origin}: config file ${file} does not exist`);
    return {};
  }
  if (!statSync(file).isFile()) {
    problems.push(`${origin}: ${file} is a directory, not a config file`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: not valid YAML or JSON (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push(`${file}: expected a mapping of settings such as "dataDir: ./data"`);
    return {};
  }
  const known = new Set<string>([
    ...CONFIG_FIELDS.map((f) => f.key),
    'sources',
    ...Object.keys(SECTIONS),
  ]);
  const entries = Object.entries(parsed as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (key === 'sources') {
      if (!isMapping(value) || !Object.values(value).every(isMapping)) {
        problems.push(
          `${file}: "sources" must map source ids to settings, e.g. "greenhouse: { boards: [gitlab] }"`,
        );
      }
    } else if (key in SECTIONS) {
      if (!isMapping(value)) {
        problems.push(`${file}: "${key}" must be a mapping, e.g. "rates: { daysPerMonth: 21 }"`);
      }
    } else if (!known.has(key)) {
      problems.push(`${file}: unknown setting "${key}" (known: ${[...known].join(', ')})`);
    } else if (value !== null && typeof value === 'object') {
      problems.push(`${file}: setting "${key}" must be a single value`);
    }
  }
  return Object.fromEntries(entries.filter(([, v]) => v !== null));
}

/**
 * A data directory that cannot be one: the path, or a directory above it, is a file.
 * Found here, so that every command names DATA_DIR before it writes anything there (the
 * embedded database, the demo's log); a directory not yet made is made by its first user.
 */
function checkDataDir(dataDir: string, origin: string, problems: string[]): void {
  let existing = path.resolve(dataDir);
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    existing = path.dirname(existing);
  }
  try {
    if (!statSync(existing).isDirectory()) {
      problems.push(
        `${origin}: ${dataDir} cannot be the data directory: ${existing} is a file, not a directory`,
      );
    }
  } catch {
    // Unreadable: whoever opens the directory names what is wrong with it.
  }
}

/** The configuration as it can be shown to an operator: secrets masked. */
export function describeConfig(config: Config): Record<string, string | null> {
  const shown: Record<string, string | null> = {};
  for (const field of CONFIG_FIELDS) {
    const value = config[field.key];
    shown[field.env] =
      value === undefined ? null : field.secret ? redactUrl(String(value)) : String(value);
  }
  for (const [env, value] of Object.entries(config.sourceSecrets)) {
    shown[env] = value === undefined ? null : '***';
  }
  shown[CONFIG_FILE_ENV] = config.configFile ?? null;
  return shown;
}

/** Each secret variable's value; blank ones are unset. */
function readSecrets(
  env: Environment,
  variables: readonly string[],
): Readonly<Record<string, string | undefined>> {
  return Object.fromEntries(variables.map((name) => [name, emptyToUndefined(env[name])]));
}

/** Hides the password of a connection URL; the host and database stay readable. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
}

/** A file value as the text an environment variable would hold; objects were rejected before. */
function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}
