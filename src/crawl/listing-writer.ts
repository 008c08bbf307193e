import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { storeListings, type CapturedListing, type StoreResult } from './capture.js';

export interface ListingWriterOptions {
  /** Listings per INSERT. @defaultValue 250 */
  readonly batchSize?: number;
  /** The longest a listing waits before it is written. @defaultValue 250 */
  readonly maxDelayMs?: number;
}

/**
 * Writes captured listings in batches: one INSERT for many pages instead of one each,
 * which matters when thousands of small detail pages arrive at once. Writing stays
 * idempotent (conflicts on the content hash add nothing), so a crash that loses a
 * batch loses nothing a re-crawl does not bring back.
 */
export class ListingWriter {
  private buffer: CapturedListing[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private readonly batchSize: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly target: { readonly sourceId: string; readonly crawlRunId: number | null },
    private readonly onStored: (result: StoreResult) => void,
    options: ListingWriterOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 250;
  }

  /** Queues listings; waits for a write when a batch is full, so memory stays bounded. */
  async add(listings: readonly CapturedListing[]): Promise<void> {
    this.throwIfFailed();
    this.buffer.push(...listings);
    if (this.buffer.length >= this.batchSize) {
      await this.flush();
    } else if (this.buffer.length > 0 && this.timer === undefined) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), this.maxDelayMs);
    }
  }

  /** Writes whatever is queued, after the writes already under way. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (batch.length === 0 || this.failure) return;
      try {
        this.onStored(
          await storeListings(this.db, { ...this.target, fetchedAt: new Date() }, batch),
        );
      } catch (error) {
        this.failure = error as Error;
      }
    });
    return this.writing.then(() => this.throwIfFailed());
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
