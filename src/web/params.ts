import { SkillpulseError, type ErrorKind } from '../errors.js';
import { REPORT_FORMATS, type BuiltFormat } from '../report/formats.js';
import { parseWeek } from '../trends/weeks.js';

/** A request the dashboard cannot answer as asked: its status and what was wrong. */
export class WebError extends SkillpulseError {
  override name = 'WebError';
  readonly kind: ErrorKind;
  constructor(
    readonly status: 400 | 404 | 405 | 503,
    message: string,
    /** The methods the path answers, for a 405's Allow header. */
    readonly allow?: string,
  ) {
    super(message);
    this.kind = status === 404 ? 'not-found' : status === 503 ? 'retry-later' : 'bad-input';
  }
}

/** `2026-W47`, `2026-11-16` or either with `.html`, `.md` or `.json`: the week and the format asked for. */
export function reportWeek(file: string): { week: string; format: BuiltFormat | undefined } {
  const match = /^(.+?)(?:\.([a-z]+))?$/.exec(file.slice(0, 40));
  const [, name = '', extension] = match ?? [];
  if (extension !== undefined && !(REPORT_FORMATS as readonly string[]).includes(extension)) {
    throw new WebError(
      404,
      `no report format "${extension}": expected ${REPORT_FORMATS.join(', ')}`,
    );
  }
  try {
    return { week: parseWeek(name), format: extension as BuiltFormat | undefined };
  } catch (error) {
    throw new WebError(400, (error as Error).message);
  }
}
