import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { rateSettingsSchema, type RateSettings } from '../normalize/money.js';
import { trendSettingsSchema, type TrendSettings } from '../trends/settings.js';
import type { Environment } from './env.js';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

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
   * OAuth access token for the Upwork GraphQL API; without it the Upwork source is off.
   * @defaultValue undefined
   */
  readonly upworkToken: string | undefined;
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
   * `daysPerMonth` and `plausibleUsd` ranges per period (see src/normalize/money.ts).
   * @defaultValue 5 days a week, 21 a month; hour 5-500, day 40-4000, year 5k-1.5M USD
   */
  readonly rates: RateSettings;
  /**
   * How movers and related skills are chosen, from the config file's `trends:` mapping:
   * `moversMinSupport`, `moversMaxPValue`, `pairsMinPostings`, `pairsWindowWeeks`
   * (see src/trends/settings.ts).
   * @defaultValue 20 postings, p 0.05, 3 postings, 13 weeks
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
type ConfigKey = Exclude<keyof Config, 'configFile' | 'sources' | SectionKey>;

interface FieldSpec {
  readonly key: ConfigKey;
  readonly env: string;
  /** What a valid value looks like, for error messages and `skillpulse config --help`. */
  readonly expected: string;
  readonly schema: z.ZodType<unknown>;
  readonly defaultValue: string | undefined;
  /** Secret values are never echoed back, in errors or in `skillpulse config`. */
  readonly secret?: boolean;
}

/** A retention: how many weeks or days to keep, or `all` to keep everything. */
export type RetentionLimit = number | 'all';

/**
 * A retention as written: a whole number from 1 to `max`, or `all`. Zero is refused rather
 * than read as "keep nothing" or "keep everything", which it could equally mean.
 */
const retentionLimit = (max: number): z.ZodType<RetentionLimit> =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (value) =>
        value === 'all' || (/^\d{1,6}$/.test(value) && Number(value) >= 1 && Number(value) <= max),
    )
    .transform((value): RetentionLimit => (value === 'all' ? 'all' : Number(value)));

const urlWithProtocols = (protocols: readonly string[]) =>
  z.string().refine((value) => {
    try {
      const url = new URL(value);
      return protocols.includes(url.protocol) && url.hostname !== '';
    } catch {
      return false;
    }
  });

/** Every setting: its environment variable, its default and what it accepts. */
export const CONFIG_FIELDS: readonly FieldSpec[] = [
  {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    expected: 'a PostgreSQL URL such as postgres://user@127.0.0.1:5432/skillpulse',
    schema: urlWithProtocols(['postgres:', 'postgresql:']),
    defaultValue: undefined,
    secret: true,
  },
  {
    key: 'redisUrl',
    env: 'REDIS_URL',
    expected: 'a Redis URL such as redis://127.0.0.1:6379',
    schema: urlWithProtocols(['redis:', 'rediss:']),
    defaultValue: undefined,
    secret: true,
  },
  {
    key: 'queuePrefix',
    env: 'QUEUE_PREFIX',
    expected: 'a Redis key prefix such as skillpulse or {skillpulse}',
    schema: z.string().regex(/^[\w{}.-]{1,64}$/),
    defaultValue: 'skillpulse',
  },
  {
    key: 'dataDir',
    env: 'DATA_DIR',
    expected: 'a directory path',
    schema: z.string().min(1),
    defaultValue: './.skillpulse',
  },
  {
    key: 'logLevel',
    env: 'LOG_LEVEL',
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    schema: z.enum(LOG_LEVELS),
    defaultValue: 'info',
  },
  {
    key: 'logFormat',
    env: 'LOG_FORMAT',
    expected: `one of ${LOG_FORMATS.join(', ')}`,
    schema: z.enum(LOG_FORMATS),
    defaultValue: 'auto',
  },
  {
    key: 'chromiumPath',
    env: 'CHROMIUM_PATH',
    expected: 'the path of a Chromium executable',
    schema: z.string().min(1),
    defaultValue: '/usr/bin/chromium',
  },
  {
    key: 'reportCurrency',
    env: 'REPORT_CURRENCY',
    expected: 'a three-letter ISO 4217 currency code such as USD, GBP or EUR',
    schema: z.string().regex(/^[A-Z]{3}$/),
    defaultValue: 'USD',
  },
  {
    key: 'crawlContact',
    env: 'CRAWL_CONTACT',
    expected: 'a URL or e-mail address where site owners can reach you',
    schema: z
      .string()
      .min(3)
      .max(200)
      .regex(/^[^\s()]+$/),
    defaultValue: undefined,
  },
  {
    key: 'upworkToken',
    env: 'UPWORK_TOKEN',
    expected: 'an Upwork OAuth 2 access token',
    schema: z.string().min(8),
    defaultValue: undefined,
    secret: true,
  },
  {
    key: 'adminToken',
    env: 'ADMIN_TOKEN',
    expected: 'a secret of at least 16 characters, no spaces',
    schema: z.string().regex(/^\S{16,256}$/),
    defaultValue: undefined,
    secret: true,
  },
  {
    key: 'relatedSkillsRetentionWeeks',
    env: 'RELATED_SKILLS_RETENTION_WEEKS',
    expected: 'a number of weeks from 1 to 520, or all to keep every week',
    schema: retentionLimit(520),
    defaultValue: '26',
  },
  {
    key: 'rawPayloadRetentionDays',
    env: 'RAW_PAYLOAD_RETENTION_DAYS',
    expected: 'a number of days from 1 to 3650, or all to keep every payload as crawled',
    schema: retentionLimit(3650),
    defaultValue: '90',
  },
];

/** The environment variable that names an optional YAML or JSON config file. */
export const CONFIG_FILE_ENV = 'SKILLPULSE_CONFIG';

/** A configuration problem: start-up stops and the CLI exits with code 2. */
export class ConfigError extends Error {
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
}

/**
 * Builds the configuration from a config file (optional) overlaid with environment
 * variables. Every problem is collected, so one run names all bad values at once.
 */
export function loadConfig(options: LoadConfigOptions): Config {
  const problems: string[] = [];
  const configFile = options.configFile ?? emptyToUndefined(options.env[CONFIG_FILE_ENV]);
  const fromFile = configFile === undefined ? {} : readConfigFile(configFile, problems);

  const values: Partial<Record<ConfigKey, unknown>> = {};
  for (const field of CONFIG_FIELDS) {
    const envValue = emptyToUndefined(options.env[field.env]);
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
  const sections: Partial<Record<SectionKey, unknown>> = {};
  for (const [key, schema] of Object.entries(SECTIONS) as [SectionKey, z.ZodType][]) {
    const result = schema.safeParse(fromFile[key] ?? {});
    if (result.success) {
      sections[key] = result.data;
    } else {
      const issue = result.error.issues[0];
      problems.push(
        `${key}.${issue?.path.join('.') ?? ''} in ${configFile ?? 'the config file'}: ${issue?.message ?? 'invalid'}`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return Object.freeze({
    ...(values as Omit<Config, 'configFile' | 'sources' | SectionKey>),
    sources: (fromFile.sources ?? {}) as Config['sources'],
    rates: sections.rates as RateSettings,
    trends: sections.trends as TrendSettings,
    dataDir: path.resolve(values.dataDir as string),
    configFile: configFile === undefined ? undefined : path.resolve(configFile),
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readConfigFile(
  file: string,
  problems: string[],
): Partial<Record<ConfigKey | 'sources' | SectionKey, unknown>> {
  if (!existsSync(file)) {
    problems.push(`${CONFIG_FILE_ENV}: config file ${file} does not exist`);
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
  const known = new Set<string>([...CONFIG_FIELDS.map((f) => f.key), 'sources', ...Object.keys(SECTIONS)]); // prettier-ignore
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

/** The configuration as it can be shown to an operator: secrets masked. */
export function describeConfig(config: Config): Record<string, string | null> {
  const shown: Record<string, string | null> = {};
  for (const field of CONFIG_FIELDS) {
    const value = config[field.key];
    shown[field.env] =
      value === undefined ? null : field.secret ? redactUrl(String(value)) : String(value);
  }
  shown[CONFIG_FILE_ENV] = config.configFile ?? null;
  return shown;
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
