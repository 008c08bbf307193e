import { ADAPTERS, PRESETS } from '../sources/registry.js';
import type { SourceSettings } from '../sources/types.js';

/**
 * The sources `skillpulse demo` crawls, pointed at the fixture web at `webUrl` as a user
 * would configure real ones: every adapter's demo sources and the presets' demo settings.
 */
export function demoSources(webUrl: string): SourceSettings {
  const adapters = ADAPTERS.flatMap((adapter) => Object.entries(adapter.demo(webUrl)));
  const presets = Object.entries(PRESETS).flatMap(([id, preset]) =>
    preset.demo ? [[id, preset.demo(webUrl)] as const] : [],
  );
  return Object.fromEntries([...adapters, ...presets]);
}
