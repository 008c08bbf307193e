import { readdirSync } from 'node:fs';
import type { FixtureSite, Route } from './types.js';

/*
 * The fixture web's sites, one file each under routes/, found by listing that folder:
 * a new source's fixture is its route file alone. The TypeScript files when run from
 * source (tests, tsx), the compiled ones under dist/ when run from the build.
 */

const FOLDER = new URL('./routes/', import.meta.url);
const EXTENSION = import.meta.url.slice(import.meta.url.lastIndexOf('.'));
const FILES = readdirSync(FOLDER)
  .filter((file) => file.endsWith(EXTENSION) && !file.endsWith(`.d${EXTENSION}`))
  .sort();

/** Every site, in file name order. */
export const SITES: readonly FixtureSite[] = await Promise.all(
  FILES.map(async (file) => {
    const module = (await import(new URL(file, FOLDER).href)) as { site?: FixtureSite };
    if (!module.site) throw new Error(`src/demo/routes/${file} exports no \`site\``);
    return module.site;
  }),
);

/** Every route of every site; a request is answered by the first whose path matches. */
export const ROUTES: readonly Route[] = SITES.flatMap((site) => site.routes);

/** The market's channels, every site's, sorted: a posting is listed on one or more. */
export const CHANNELS: readonly string[] = [...new Set(SITES.flatMap((s) => s.channels))].sort();

/** Channels that list a posting for its newest weeks only, in weeks. */
export const SHORT_LIVED: Readonly<Record<string, number>> = Object.assign(
  {},
  ...SITES.map((site) => site.shortLived ?? {}),
) as Record<string, number>;
