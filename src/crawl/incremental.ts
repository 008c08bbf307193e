import type { Kysely } from 'kysely';
import type { Database, RequestSpec } from '../db/schema.js';
import type { PageResult } from '../sources/types.js';
import { knownValues, type CapturedListing } from './capture.js';

/**
 * The incremental crawl: a page that brings nothing new (only listings processing has
 * finished, or older than `--since`) ends the paging, and detail pages already stored are
 * not fetched again.
 */

/**
 * Known for the incremental stop: listings of a page's ids that processing has finished
 * (one stored by a crawl that stopped before handing it on does not end the paging), and
 * the stored detail URLs among those it asks for.
 */
export async function knownOf(
  db: Kysely<Database>,
  sourceId: string,
  result: PageResult,
  captured: readonly CapturedListing[],
) {
  const requests = result.requests ?? [];
  const isPaged = requests.some((r) => (r.role ?? 'page') === 'page');
  const details = requests.filter((r) => r.role === 'detail');
  const [ids, urls] = await Promise.all([
    isPaged
      ? knownValues(
          db,
          sourceId,
          'external_id',
          captured.map((l) => l.externalId),
        )
      : new Map<string, { processed: boolean }>(),
    knownValues(
      db,
      sourceId,
      'url',
      details.map((r) => r.url),
    ),
  ]);
  return { ids: new Set([...ids].filter(([, k]) => k.processed).map(([id]) => id)), urls };
}

/** What a handled page leads to: the requests to queue, and whether the paging stops here. */
export function followUps(
  result: PageResult,
  captured: number,
  known: { ids: ReadonlySet<string>; urls: ReadonlyMap<string, { processed: boolean }> },
  since: Date | undefined,
): { stop: boolean; requests: RequestSpec[] } {
  const requests = result.requests ?? [];
  const isPaged = requests.some((r) => (r.role ?? 'page') === 'page');
  const details = requests.filter((r) => r.role === 'detail');
  // Incremental: known detail pages are not fetched again, and a page that brings
  // nothing new (only known or too old listings) ends the paging.
  const freshDetails = details.filter((r) => !known.urls.has(r.url));
  const nothingNew =
    captured > 0
      ? shouldStopPaging(result.listings ?? [], known.ids, since)
      : details.length > 0 && details.every((r) => known.urls.get(r.url)?.processed);
  const stop = isPaged && nothingNew;
  const pages = requests.filter((r) => (r.role ?? 'page') === 'page' && !stop);
  return { stop, requests: [...pages, ...freshDetails] };
}

/** A page whose every listing is already stored, or older than `since`, ends the paging. */
function shouldStopPaging(
  listings: readonly { externalId: string; postedAt?: string | null }[],
  known: ReadonlySet<string>,
  since: Date | undefined,
): boolean {
  const allKnown = listings.every((l) => known.has(l.externalId));
  const allOld =
    since !== undefined &&
    listings.every(
      (l) => l.postedAt !== null && l.postedAt !== undefined && new Date(l.postedAt) < since,
    );
  return allKnown || allOld;
}
