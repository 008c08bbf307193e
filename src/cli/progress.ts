import type { CrawlProgress } from '../crawl/crawl-source.js';

/**
 * One status line on a terminal, redrawn as crawls progress; nothing when the output is
 * not a terminal (logs say it there).
 */
export class CrawlProgressLine {
  private readonly current = new Map<string, CrawlProgress>();
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  ) {}

  update(progress: CrawlProgress): void {
    if (this.stream.isTTY !== true) return;
    this.current.set(progress.sourceId, progress);
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const text = [...this.current.values()]
      .map(
        (p) =>
          `${p.sourceId} ${p.pages}p ${p.listings}l (+${p.newListings})${p.errorCount ? ` ${p.errorCount}err` : ''}`,
      )
      .join(' | ');
    const width = (this.stream.columns ?? 100) - 1;
    this.stream.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
  }

  done(sourceId: string): void {
    this.current.delete(sourceId);
  }

  clear(): void {
    if (this.stream.isTTY === true) this.stream.write('\r\u001b[2K');
  }
}
