import { ADAPTERS, PRESETS } from '../sources/registry.js';
import type { SourceSettings } from '../sources/types.js';
import { BOARD_COMPANIES, BOARDS } from './market.js';

/** The fixture web's board that lists a source's whole simulated market (the tests crawl it). */
const WHOLE_MARKET_BOARD = 'skillpulse';

/**
 * The sources `skillpulse demo` crawls, pointed at the fixture web at `webUrl` as a user
 * would configure real ones: every adapter's demo sources and the presets' demo settings.
 * An applicant-tracking system's board names the company (Lever and Ashby say no more), so
 * the demo crawls one board per simulated company in place of the whole-market board, and
 * names each board's company (`companies`) as a user would for Lever and Ashby.
 */
export function demoSources(webUrl: string): SourceSettings {
  const adapters = ADAPTERS.flatMap((adapter) => Object.entries(adapter.demo(webUrl)));
  const presets = Object.entries(PRESETS).flatMap(([id, preset]) =>
    preset.demo ? [[id, preset.demo(webUrl)] as const] : [],
  );
  return Object.fromEntries(
    [...adapters, ...presets].map(([id, settings]) => [id, companyBoards(settings)]),
  );
}

function companyBoards(
  settings: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  let whole = false;
  const entries = Object.entries(settings).map(([key, value]): [string, unknown] => {
    if ((key !== 'boards' && key !== 'sites') || !Array.isArray(value)) return [key, value];
    const boards: unknown[] = value;
    whole ||= boards.includes(WHOLE_MARKET_BOARD);
    return [key, boards.flatMap((b): unknown[] => (b === WHOLE_MARKET_BOARD ? [...BOARDS] : [b]))];
  });
  const named = Object.fromEntries(entries);
  // Lever and Ashby name no company: the demo's boards are named as a user names theirs.
  if (whole && 'companies' in settings) {
    named.companies = { ...(settings.companies as Record<string, string>), ...BOARD_COMPANIES };
  }
  return named;
}
