import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import { isCronPattern } from '../config/cron.js';
import { arbeitnow } from './arbeitnow.js';
import { ashby } from './ashby.js';
import { craigslist } from './craigslist.js';
import { fiverr } from './fiverr.js';
import { freelancer } from './freelancer.js';
import { greenhouse } from './greenhouse.js';
import { hackernews } from './hackernews.js';
import { jobicy } from './jobicy.js';
import { jsonld } from './jsonld.js';
import { lever } from './lever.js';
import { remoteok } from './remoteok.js';
import { remotive } from './remotive.js';
import { rss } from './rss.js';
import { upwork } from './upwork.js';
import { weworkremotely } from './weworkremotely.js';
import { z } from 'zod';
import { PAY_FIELD_TRUST, type PayFieldTrust } from '../normalize/money.js';
import type { Politeness, SecretSetting, SourceAdapter } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each adapter has its own config type
export type AnyAdapter = SourceAdapter<any, string>;

/** Every adapter, by id. Adding a source adds one line here and one file beside it. */
export const ADAPTERS: readonly AnyAdapter[] = [
  upwork,
  freelancer,
  craigslist,
  fiverr,
  hackernews,
  remoteok,
  remotive,
  weworkremotely,
  arbeitnow,
  jobicy,
  greenhouse,
  lever,
  ashby,
  jsonld,
  rss,
];

/** A source that is a generic adapter configured for one site, shipped ready to use. */
export interface Preset {
  /** Its settings, as in the config file's `sources:` mapping, with `adapter`. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The settings over those that point it at the fixture web, for `skillpulse demo`. */
  demo?(webUrl: string): Readonly<Record<string, unknown>>;
}

/**
 * Sources that are a generic adapter configured for one site, shipped ready to use;
 * a user adds more the same way in the config file's `sources:` mapping.
 */
export const PRESETS: Readonly<Record<string, Preset>> = {
  // Onsiter: IT contractor listings whose job pages publish schema.org JobPosting.
  onsiter: {
    settings: {
      adapter: 'jsonld',
      startUrls: ['https://www.onsiter.com/jobs'],
      detailLinkSelector: 'a.job-link, a[href*="/job/"]',
      detailUrlPattern: '/job/',
      nextPageSelector: 'a[rel="next"]',
    },
    demo: (url) => ({ startUrls: [`${url}/onsiter/jobs`] }),
  },
  // The Python Software Foundation's job board: titles "Role, Company", the place on
  // the description's first line. Off until switched on (`python-jobs: { enabled: true }`).
  'python-jobs': {
    settings: {
      adapter: 'rss',
      enabled: false,
      feeds: ['https://www.python.org/jobs/feed/rss/'],
      titleFormat: 'title, company',
      locationLine: true,
    },
  },
  // Himalayas, a remote job board; its feed names company and place in its own elements.
  himalayas: {
    settings: {
      adapter: 'rss',
      enabled: false,
      feeds: ['https://himalayas.app/jobs/rss'],
      remote: true,
    },
    demo: (url) => ({ enabled: true, feeds: [`${url}/himalayas/jobs/rss`] }),
  },
};

/** A source as configured: which adapter crawls it, with which settings, and whether it may. */
export interface SourceInstance {
  readonly id: string;
  readonly adapter: AnyAdapter;
  readonly config: unknown;
  readonly enabled: boolean;
  /** Why the source does not run: switched off, or missing settings such as a token. */
  readonly disabledReason: string | undefined;
  /** The operator's politeness settings for this source, over the adapter's own. */
  readonly politeness: Partial<Politeness>;
  /** When the BullMQ scheduler crawls it: a cron pattern, UTC. @defaultValue every 6 hours */
  readonly schedule: string;
  /** How far its pay fields are believed against the text. @defaultValue the adapter's, else 'trusted' */
  readonly payFields: PayFieldTrust;
}

/** The crawl schedule of a source that names none: every 6 hours, on the hour. */
export const DEFAULT_SCHEDULE = '0 */6 * * *';

/** Every secret setting of every adapter: the environment variables loadConfig reads. */
export const SECRET_SETTINGS: readonly (SecretSetting & { readonly adapter: string })[] =
  ADAPTERS.flatMap((a) => (a.secrets ?? []).map((secret) => ({ ...secret, adapter: a.id })));

/** What the sources are resolved from: the configuration's sources and source secrets. */
export type SourcesConfig = Pick<Config, 'sources'> & Partial<Pick<Config, 'sourceSecrets'>>;

const politenessSchema = z
  .object({
    maxConcurrency: z.number().int().min(1).max(64),
    maxRequestsPerMinute: z.number().int().min(1),
    sameDomainDelaySecs: z.number().min(0),
    maxRetries: z.number().int().min(0).max(20),
    timeoutSecs: z.number().min(1).max(600),
  })
  .partial()
  .strict();

export function findAdapter(id: string): AnyAdapter | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

/**
 * Every source the configuration defines: one per named adapter, the presets, and the
 * sources of the config file. Invalid settings stop start-up with a ConfigError.
 */
export function resolveSources(config: SourcesConfig): SourceInstance[] {
  const problems: string[] = [];
  const ids = new Set<string>([
    ...ADAPTERS.filter((a) => a.generic !== true).map((a) => a.id),
    ...Object.keys(PRESETS),
    ...Object.keys(config.sources),
  ]);
  const instances: SourceInstance[] = [];
  for (const id of ids) {
    const settings = { ...(PRESETS[id]?.settings ?? {}), ...(config.sources[id] ?? {}) };
    const instance = resolveSource(id, settings, config.sourceSecrets ?? {}, problems);
    if (instance) instances.push(instance);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return instances;
}

/** One source from its settings, or undefined with what is wrong added to `problems`. */
function resolveSource(
  id: string,
  settings: Readonly<Record<string, unknown>>,
  secrets: Readonly<Record<string, string | undefined>>,
  problems: string[],
): SourceInstance | undefined {
  const {
    adapter: adapterId = id,
    enabled,
    politeness = {},
    schedule = DEFAULT_SCHEDULE,
    payFields = defaultPayFields(adapterId),
    ...adapterSettings
  } = settings;
  const adapter = typeof adapterId === 'string' ? findAdapter(adapterId) : undefined;
  if (adapter === undefined) {
    const known = ADAPTERS.map((a) => a.id).join(', ');
    problems.push(`sources.${id}: unknown adapter ${JSON.stringify(adapterId)} (known: ${known})`);
    return undefined;
  }
  const problem = settingProblem(id, { enabled, schedule, payFields });
  if (problem !== undefined) {
    problems.push(problem);
    return undefined;
  }
  const fromEnvironment = fillSecrets(adapter, adapterSettings, secrets);
  // A misspelt setting must not be ignored quietly.
  const schema =
    adapter.configSchema instanceof z.ZodObject
      ? adapter.configSchema.strict()
      : adapter.configSchema;
  const parsed = schema.safeParse(adapterSettings);
  const polite = politenessSchema.safeParse(politeness);
  if (!parsed.success || !polite.success) {
    for (const issue of parsed.error?.issues ?? []) {
      const secret = fromEnvironment.find((s) => s.setting === issue.path[0]);
      // A secret is never echoed: its variable is named, with what it should be.
      problems.push(
        secret
          ? `${secret.env}: expected ${secret.expected}`
          : `sources.${[id, ...issue.path.map(String)].join('.')}: ${issue.message}`,
      );
    }
    for (const issue of polite.error?.issues ?? []) {
      const path = [id, 'politeness', ...issue.path.map(String)].join('.');
      problems.push(`sources.${path}: ${issue.message}`);
    }
    return undefined;
  }
  const missing = adapter.disabledReason?.(parsed.data);
  const switchedOn = (enabled as boolean | undefined) ?? adapter.enabledByDefault ?? true;
  return {
    id,
    adapter,
    config: parsed.data,
    enabled: switchedOn && missing === undefined,
    disabledReason: !switchedOn ? 'disabled in the configuration' : missing,
    politeness: polite.data,
    schedule: (schedule as string).trim(),
    payFields: payFields as PayFieldTrust,
  };
}

/** What is wrong with a source's own settings (not its adapter's), or undefined. */
function settingProblem(
  id: string,
  own: { enabled: unknown; schedule: unknown; payFields: unknown },
): string | undefined {
  if (own.enabled !== undefined && typeof own.enabled !== 'boolean') {
    return `sources.${id}.enabled: expected true or false`;
  }
  if (!isCronPattern(own.schedule)) {
    const got = JSON.stringify(own.schedule);
    return `sources.${id}.schedule: expected a cron pattern such as "0 */6 * * *", got ${got}`;
  }
  if (!PAY_FIELD_TRUST.includes(own.payFields as PayFieldTrust)) {
    const got = JSON.stringify(own.payFields);
    return `sources.${id}.payFields: expected one of ${PAY_FIELD_TRUST.join(', ')}, got ${got}`;
  }
  return undefined;
}

/**
 * Sets the adapter's secret settings the source's settings leave out from their
 * environment variables; returns the secrets so set.
 */
function fillSecrets(
  adapter: AnyAdapter,
  adapterSettings: Record<string, unknown>,
  secrets: Readonly<Record<string, string | undefined>>,
): SecretSetting[] {
  const filled: SecretSetting[] = [];
  for (const secret of adapter.secrets ?? []) {
    const value = secrets[secret.env];
    if (adapterSettings[secret.setting] !== undefined || value === undefined) continue;
    adapterSettings[secret.setting] = value;
    filled.push(secret);
  }
  return filled;
}

function defaultPayFields(adapterId: unknown): unknown {
  return (
    (typeof adapterId === 'string' ? findAdapter(adapterId)?.payFields : undefined) ?? 'trusted'
  );
}

/**
 * How far each source's pay fields are believed, for the process stage: a source no
 * longer configured keeps its adapter's default when its id names one.
 */
export function payFieldsBySource(
  sources: readonly SourceInstance[],
): (sourceId: string) => PayFieldTrust {
  const bySource = new Map(sources.map((s) => [s.id, s.payFields]));
  return (sourceId) => bySource.get(sourceId) ?? findAdapter(sourceId)?.payFields ?? 'trusted';
}

/**
 * The source a saved file is imported into: a configured source, or a generic adapter
 * (rss, jsonld) named by its own id, with its default settings, for files of sites no
 * source is configured for.
 */
export function importSource(config: SourcesConfig, id: string): SourceInstance | undefined {
  const configured = resolveSources(config).find((s) => s.id === id);
  if (configured) return configured;
  const adapter = findAdapter(id);
  if (!adapter || adapter.generic !== true) return undefined;
  return {
    id,
    adapter,
    config: adapter.configSchema.parse({}),
    enabled: false,
    disabledReason: 'a generic adapter: configure a source that uses it to crawl',
    politeness: {},
    schedule: DEFAULT_SCHEDULE,
    payFields: adapter.payFields ?? 'trusted',
  };
}
