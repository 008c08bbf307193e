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
import { jsonld } from './jsonld.js';
import { lever } from './lever.js';
import { remoteok } from './remoteok.js';
import { remotive } from './remotive.js';
import { rss } from './rss.js';
import { upwork } from './upwork.js';
import { weworkremotely } from './weworkremotely.js';
import { z } from 'zod';
import { PAY_FIELD_TRUST, type PayFieldTrust } from '../normalize/money.js';
import type { Politeness, SourceAdapter } from './types.js';

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
  greenhouse,
  lever,
  ashby,
  jsonld,
  rss,
];

/**
 * Sources that are a generic adapter configured for one site, shipped ready to use;
 * a user adds more the same way in the config file's `sources:` mapping.
 */
export const PRESETS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  // Onsiter: IT contractor listings whose job pages publish schema.org JobPosting.
  onsiter: {
    adapter: 'jsonld',
    startUrls: ['https://www.onsiter.com/jobs'],
    detailLinkSelector: 'a.job-link, a[href*="/job/"]',
    detailUrlPattern: '/job/',
    nextPageSelector: 'a[rel="next"]',
  }, // The Python Software Foundation's job board: titles "Role, Company", the place on
  // the description's first line. Off until switched on (`python-jobs: { enabled: true }`).
  'python-jobs': {
    adapter: 'rss',
    enabled: false,
    feeds: ['https://www.python.org/jobs/feed/rss/'],
    titleFormat: 'title, company',
    locationLine: true,
  },
  // Himalayas, a remote job board; its feed names company and place in its own elements.
  himalayas: {
    adapter: 'rss',
    enabled: false,
    feeds: ['https://himalayas.app/jobs/rss'],
    remote: true,
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
export function resolveSources(config: Pick<Config, 'sources' | 'upworkToken'>): SourceInstance[] {
  const problems: string[] = [];
  const ids = new Set<string>([
    ...ADAPTERS.filter((a) => !isGeneric(a)).map((a) => a.id),
    ...Object.keys(PRESETS),
    ...Object.keys(config.sources),
  ]);
  const instances: SourceInstance[] = [];
  for (const id of ids) {
    const settings = { ...(PRESETS[id] ?? {}), ...(config.sources[id] ?? {}) };
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
      problems.push(
        `sources.${id}: unknown adapter ${JSON.stringify(adapterId)} (known: ${ADAPTERS.map((a) => a.id).join(', ')})`,
      );
      continue;
    }
    if (enabled !== undefined && typeof enabled !== 'boolean') {
      problems.push(`sources.${id}.enabled: expected true or false`);
      continue;
    }
    if (!isCronPattern(schedule)) {
      problems.push(`sources.${id}.schedule: expected a cron pattern such as "0 */6 * * *", got ${JSON.stringify(schedule)}`); // prettier-ignore
      continue;
    }
    if (!PAY_FIELD_TRUST.includes(payFields as PayFieldTrust)) {
      problems.push(`sources.${id}.payFields: expected one of ${PAY_FIELD_TRUST.join(', ')}, got ${JSON.stringify(payFields)}`); // prettier-ignore
      continue;
    }
    if (adapter.id === 'upwork' && adapterSettings.token === undefined && config.upworkToken) {
      adapterSettings.token = config.upworkToken;
    }
    // A misspelt setting must not be ignored quietly.
    const schema =
      adapter.configSchema instanceof z.ZodObject
        ? adapter.configSchema.strict()
        : adapter.configSchema;
    const parsed = schema.safeParse(adapterSettings);
    const polite = politenessSchema.safeParse(politeness);
    if (!parsed.success || !polite.success) {
      for (const issue of parsed.error?.issues ?? []) {
        problems.push(`sources.${[id, ...issue.path.map(String)].join('.')}: ${issue.message}`);
      }
      for (const issue of polite.error?.issues ?? []) {
        problems.push(
          `sources.${[id, 'politeness', ...issue.path.map(String)].join('.')}: ${issue.message}`,
        );
      }
      continue;
    }
    const missing = adapter.disabledReason?.(parsed.data);
    const switchedOn = enabled ?? adapter.enabledByDefault ?? true;
    instances.push({
      id,
      adapter,
      config: parsed.data,
      enabled: switchedOn && missing === undefined,
      disabledReason: !switchedOn ? 'disabled in the configuration' : missing,
      politeness: polite.data,
      schedule: schedule.trim(),
      payFields: payFields as PayFieldTrust,
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return instances;
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
export function importSource(
  config: Pick<Config, 'sources' | 'upworkToken'>,
  id: string,
): SourceInstance | undefined {
  const configured = resolveSources(config).find((s) => s.id === id);
  if (configured) return configured;
  const adapter = findAdapter(id);
  if (!adapter || !isGeneric(adapter)) return undefined;
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

/** Generic adapters (JSON-LD, RSS) crawl nothing until a source configures them. */
function isGeneric(adapter: AnyAdapter): boolean {
  return adapter.id === 'jsonld' || adapter.id === 'rss';
}
