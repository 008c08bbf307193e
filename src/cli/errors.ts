/** Process exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The work failed: a database down, a crawl that could not run. */
  failure: 1,
  /** Bad usage or configuration: nothing was attempted. */
  usage: 2,
} as const;

/** A command was called with arguments it cannot use; exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
