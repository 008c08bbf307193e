// Five or six cron fields: numbers, names, ranges, steps, lists, ? L W #.
const CRON = /^\s*(\S+\s+){4,5}\S+\s*$/;
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;

/** Whether text reads as a cron pattern BullMQ's scheduler takes (5 or 6 fields). */
export function isCronPattern(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    CRON.test(text) &&
    text
      .trim()
      .split(/\s+/)
      .every((f) => CRON_FIELD.test(f))
  );
}
