import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ADAPTERS,
  PRESETS,
  SECRET_SETTINGS,
  findAdapter,
  importSource,
  resolveSources,
  type AnyAdapter,
  type SourceInstance,
} from '../../src/sources/registry.js';
import type { SourceSettings } from '../../src/sources/types.js';
import { corpus, readRecording } from '../helpers/recordings.js';

/*
 * The contract of src/sources/types.ts, checked for every registered adapter: a new
 * source passes these or names why not. Each adapter's own parsing is checked in depth on
 * its labelled recordings (recordings.test.ts); here, that it yields listings at all.
 */

/** Adapters without a real recording, and why (their PROVENANCE.md says more). */
const WITHOUT_RECORDING: Readonly<Record<string, string>> = {
  fiverr: 'no public recording of a Fiverr response was found',
};

/** Where the demo's fixture web would be: nothing is fetched. */
const WEB_URL = 'http://127.0.0.1:9';

const recordingsBySource = new Map(corpus().map((s) => [s.source, s]));

/** The adapter's demo sources, resolved as the demo resolves them. */
function demoInstances(adapter: AnyAdapter, sources: SourceSettings): SourceInstance[] {
  const ids = Object.keys(sources);
  return resolveSources({ sources }).filter((s) => ids.includes(s.id) && s.adapter === adapter);
}

/** The settings without one of them. */
function without(settings: SourceSettings, setting: string): SourceSettings {
  return Object.fromEntries(
    Object.entries(settings).map(([id, own]) => {
      const { [setting]: _left, ...rest } = own;
      return [id, rest];
    }),
  );
}

describe('the registry', () => {
  it('holds each adapter once, under its id', () => {
    const ids = ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const adapter of ADAPTERS) expect(findAdapter(adapter.id)).toBe(adapter);
  });

  it('names each secret variable once', () => {
    const variables = SECRET_SETTINGS.map((s) => s.env);
    expect(new Set(variables).size).toBe(variables.length);
  });

  it.each(Object.entries(PRESETS))('preset %s configures a generic adapter', (id, preset) => {
    const adapter = findAdapter(String(preset.settings.adapter));
    expect(adapter?.generic, id).toBe(true);
    expect(resolveSources({ sources: {} }).some((s) => s.id === id)).toBe(true);
  });
});

describe.each(ADAPTERS.map((a) => [a.id, a] as const))('adapter %s', (id, adapter) => {
  const demo = adapter.demo(WEB_URL);

  it('is the export of src/sources/<id>.ts', async () => {
    const module = (await import(`../../src/sources/${id}.ts`)) as Record<string, unknown>;
    expect(Object.values(module)).toContain(adapter);
  });

  it('has a name and a handler for each of its labels', () => {
    expect(adapter.name.trim()).not.toBe('');
    expect(Object.keys(adapter.handlers).length).toBeGreaterThan(0);
    for (const label of Object.keys(adapter.waitFor ?? {})) {
      expect(Object.keys(adapter.handlers)).toContain(label);
    }
  });

  it('declares its secrets as settings of its schema, with a variable and what they are', () => {
    const shape = (adapter.configSchema as { shape?: Record<string, unknown> }).shape ?? {};
    for (const secret of adapter.secrets ?? []) {
      expect(Object.keys(shape)).toContain(secret.setting);
      expect(secret.env).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(secret.expected.trim()).not.toBe('');
    }
  });

  it.each((adapter.secrets ?? []).map((s) => [s.env, s] as const))(
    'takes %s from the environment where the settings leave it out',
    (env, secret) => {
      const value = 'an-environment-secret-0123456789';
      const sources = without(demo, secret.setting);
      expect(demoInstances(adapter, sources).length).toBeGreaterThan(0);
      const instances = resolveSources({ sources, sourceSecrets: { [env]: value } });
      for (const instance of instances.filter((s) => s.adapter === adapter)) {
        expect((instance.config as Record<string, unknown>)[secret.setting]).toBe(value);
      }
      // Without it, a source that cannot run says which variable to set.
      for (const instance of demoInstances(adapter, sources).filter((s) => !s.enabled)) {
        expect(instance.disabledReason).toContain(env);
      }
    },
  );

  it(
    adapter.generic
      ? 'is generic: crawls nothing unconfigured, imports with its defaults'
      : 'is a named source: configured under its own id',
    () => {
      const unconfigured = resolveSources({ sources: {} }).some((s) => s.id === id);
      expect(unconfigured).toBe(adapter.generic !== true);
      expect(importSource({ sources: {} }, id)?.adapter).toBe(adapter);
    },
  );

  it('has demo sources its own schema accepts, switched on', () => {
    const ids = Object.keys(demo);
    if (adapter.generic) {
      expect(ids.length).toBeGreaterThan(0);
      for (const settings of Object.values(demo)) expect(settings.adapter).toBe(id);
    } else {
      expect(ids).toEqual([id]);
    }
    const instances = demoInstances(adapter, demo);
    expect(instances.map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const instance of instances) {
      expect(instance.disabledReason, instance.id).toBeUndefined();
    }
  });

  it('starts its demo crawls at URLs of the fixture web, each read by a handler', () => {
    for (const instance of demoInstances(adapter, demo)) {
      const requests = adapter.startRequests(instance.config, { since: undefined });
      expect(requests.length, instance.id).toBeGreaterThan(0);
      for (const request of requests) {
        expect(new URL(request.url).origin).toBe(WEB_URL);
        expect(Object.keys(adapter.handlers)).toContain(request.label);
      }
    }
  });

  const recordings = recordingsBySource.get(id);
  if (id in WITHOUT_RECORDING) {
    it(`has no recording (${WITHOUT_RECORDING[id]}), and says why`, () => {
      expect(recordings?.files ?? []).toEqual([]);
      expect(existsSync(new URL(`../recordings/${id}/PROVENANCE.md`, import.meta.url))).toBe(true);
    });
    return;
  }

  // A search page's rows are postings to fetch (Craigslist's recorded posting is housing).
  it('reads its real recordings into listings with an id, a title and a URL, or postings to fetch', () => {
    const labelled = recordings?.labels?.recordings ?? [];
    expect(labelled.length).toBeGreaterThan(0);
    const results = labelled.map((r) => readRecording(id, r));
    const listings = results.flatMap((r) => r.listings ?? []);
    const details = results.flatMap((r) => r.requests ?? []).filter((r) => r.role === 'detail');
    expect(listings.length + details.length).toBeGreaterThan(0);
    for (const listing of listings) {
      expect(listing.externalId.trim()).not.toBe('');
      expect(listing.title.trim(), listing.externalId).not.toBe('');
      expect(() => new URL(listing.url), listing.externalId).not.toThrow();
    }
    for (const detail of details) {
      expect(() => new URL(detail.url)).not.toThrow();
      expect(Object.keys(adapter.handlers)).toContain(detail.label);
    }
  });
});
