import { BadInputError, errorKind, type ErrorKind } from '../errors.js';

/** Process exit codes of the CLI. */
export const EXIT = {
  ok: 0,
  /** The work failed: a database down, a crawl that could not run. */
  failure: 1,
  /** Bad usage or configuration: nothing was attempted. */
  usage: 2,
} as const;

/** The one place the error vocabulary meets exit codes. */
const EXIT_CODE_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  'bad-input': EXIT.usage,
  'not-found': EXIT.usage,
  'retry-later': EXIT.failure,
};

/** The exit code for a thrown value: by its kind, 1 for errors outside the vocabulary. */
export function exitCodeOf(error: unknown): number {
  const kind = errorKind(error);
  return kind === undefined ? EXIT.failure : EXIT_CODE_OF_KIND[kind];
}

/** A command was called with arguments it cannot use; exit code 2. */
export class UsageError extends BadInputError {}
