import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { processListings, processSettings } from '../../src/process/process-listings.js';
import { weeksOfPostings } from '../../src/process/weeks.js';
import { rollupOptions, rollupWeeks } from '../../src/trends/rollup.js';
import { staleWeeks } from '../../src/trends/stale-weeks.js';
import { crawlFixture, quietLogger, useCrawlFixture } from '../helpers/crawl.js';

const fixture = useCrawlFixture({
  marketOptions: { weeks: 3, perWeek: 30, sources: ['remotive'] },
});

describe('stale weeks', () => {
  it('are the weeks whose postings were written after their last rollup', async () => {
    const { db } = fixture.database;
    const config = loadConfig({ env: {} });
    const since = new Date(Date.now() - 60_000);
    await crawlFixture(db, 'remotive', { baseUrl: `${fixture.web.url}/remotive` });
    const processed = await processListings(db, {
      ...processSettings(config),
      logger: quietLogger,
    });
    expect(processed.weeks.length).toBeGreaterThan(1);
    // Never rolled up: every week the postings are open in.
    expect(await staleWeeks(db, since)).toEqual(processed.weeks);

    await rollupWeeks(db, processed.weeks, rollupOptions(config, quietLogger));
    expect(await staleWeeks(db, since)).toEqual([]);

    // One posting written after the rollup (whose own rollup job was lost): its weeks,
    // and only those, are stale.
    const one = await db
      .selectFrom('postings')
      .select('id')
      .orderBy('active_from', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('postings')
      .set({ processed_at: new Date(Date.now() + 1_000) })
      .where('id', '=', one.id)
      .execute();
    const stale = await staleWeeks(db, since);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(processed.weeks.length);
    expect(stale).toEqual(await weeksOfPostings(db, [one.id]));
  });
});
