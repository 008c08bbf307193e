/**
 * The one place that reads the process environment. Everything else receives a
 * `Config` (see config.ts), so that a test or a worker can build one explicitly.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export function processEnvironment(): Environment {
  return { ...process.env };
}
