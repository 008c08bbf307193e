import { z } from 'zod';
import { LOG_FORMATS, LOG_LEVELS } from '../log/levels.js';

/** A setting of `Config` read from one environment variable or config file key. */
export interface FieldSpec<Key extends string = string> {
  /** Its name in `Config` and in the config file. */
  readonly key: Key;
  /** Its environment variable, which wins over the config file. */
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

const FIELDS = [
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
] as const satisfies readonly FieldSpec[];

/** The settings of `Config` that have a field. */
export type FieldKey = (typeof FIELDS)[number]['key'];

/** Every setting: its environment variable, its default and what it accepts. */
export const CONFIG_FIELDS: readonly FieldSpec<FieldKey>[] = FIELDS;
