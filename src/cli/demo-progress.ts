import cliProgress from 'cli-progress';
import type { CrawlProgress } from '../crawl/crawl-source.js';

/**
 * The demo's one progress display on a terminal (cli-progress): sources crawled and
 * processed out of all, listings fetched so far, the sources being crawled; then the
 * rollup. Cleared when the demo ends, so the summary follows on a clean screen. Used only
 * when the output is a terminal and logs go to a file.
 */
export class DemoProgress {
  private readonly bar: cliProgress.SingleBar;
  private readonly listings = new Map<string, number>();
  private readonly crawling = new Set<string>();
  private stage = 'crawling';

  constructor(stream: NodeJS.WritableStream) {
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          '{stage} [{bar}] {value}/{total} sources | {listings} listings fetched | {crawling}',
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        fps: 8,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  start(sources: readonly string[]): void {
    this.bar.start(sources.length, 0, this.payload());
  }

  update(progress: CrawlProgress): void {
    this.listings.set(progress.sourceId, progress.listings);
    this.crawling.add(progress.sourceId);
    this.bar.update(this.payload());
  }

  sourceDone(sourceId: string, crawl: CrawlProgress | undefined): void {
    if (crawl) this.listings.set(sourceId, crawl.listings);
    this.crawling.delete(sourceId);
    this.bar.increment(1, this.payload());
  }

  rollingUp(): void {
    this.stage = 'rolling up';
    this.bar.update(this.payload());
  }

  stop(): void {
    this.bar.stop();
  }

  private payload() {
    const listings = [...this.listings.values()].reduce((n, l) => n + l, 0);
    return {
      stage: this.stage.padEnd(10),
      listings: listings.toLocaleString('en-US'),
      crawling:
        this.stage === 'rolling up'
          ? 'the weekly trend tables and the report'
          : [...this.crawling].join(', '),
    };
  }
}
