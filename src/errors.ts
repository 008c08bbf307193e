/**
 * The project's one error vocabulary. A stage, a query or a parser says what kind of
 * failure it met by the class it throws; each runner maps the kind once: the CLI to an
 * exit code (src/cli), the web server to an HTTP status (src/web/app.ts), the workers to
 * "retry" or "never retry" (src/pipeline/workers.ts). Nothing below those three knows
 * about exit codes, statuses or BullMQ, as crawlee's NonRetryableError and BullMQ's
 * UnrecoverableError carry their behaviour on the class.
 */
export type ErrorKind = 'bad-input' | 'not-found' | 'retry-later';

export abstract class SkillpulseError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Whether the same work, done again later, can succeed. */
  get retryable(): boolean {
    return this.kind === 'retry-later';
  }
}

/**
 * What was asked cannot be done as asked: bad arguments, configuration, job data or
 * input file. Doing it again changes nothing (CLI exit 2, HTTP 400, never retried).
 */
export class BadInputError extends SkillpulseError {
  readonly kind = 'bad-input';
}

/**
 * What was asked for does not exist (yet): an unknown source, skill or week without
 * figures (CLI exit 2, HTTP 404, never retried).
 */
export class NotFoundError extends SkillpulseError {
  readonly kind = 'not-found';
}

/**
 * A part the work needs is away for now: the database, Redis, a source throttling.
 * The same work can succeed later (CLI exit 1, HTTP 503, retried with backoff).
 */
export class RetryLaterError extends SkillpulseError {
  readonly kind = 'retry-later';
}

/** The kind of any thrown value; `undefined` for errors outside the vocabulary (bugs). */
export function errorKind(error: unknown): ErrorKind | undefined {
  return error instanceof SkillpulseError ? error.kind : undefined;
}
