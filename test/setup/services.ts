import { access, constants } from 'node:fs/promises';
import { createConnection } from 'node:net';

/*
 * Vitest's global set-up: before any test file runs, the parts the integration, browser
 * and end-to-end tests talk to are checked, so a machine without them is told at once,
 * with the fix, instead of after twenty minutes of timeouts. A run of unit tests alone
 * (`npx vitest run test/unit`) needs none of them and is not checked.
 */

/** Where the tests expect each part (as on the developers' machines and in CI). */
export interface TestServices {
  readonly postgres: { readonly host: string; readonly port: number };
  readonly redis: { readonly host: string; readonly port: number };
  readonly chromium: string;
}

export const TEST_SERVICES: TestServices = {
  postgres: { host: '127.0.0.1', port: 5432 },
  redis: { host: '127.0.0.1', port: 6379 },
  chromium: '/usr/bin/chromium',
};

const CONNECT_TIMEOUT_MS = 3_000;

/** Sends `request` (if any) and resolves with the first bytes answered, or an error. */
function ask(host: string, port: number, request?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    const done = (error: Error | undefined, answer = ''): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer);
    };
    socket.once('error', (error) => done(error));
    socket.once('connect', () => {
      if (request === undefined) done(undefined);
      else socket.write(request);
    });
    socket.once('data', (data) => done(undefined, data.toString('latin1')));
  });
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** What is missing, one line each with its fix; empty when everything answers. */
export async function missingServices(services: TestServices = TEST_SERVICES): Promise<string[]> {
  const missing: string[] = [];
  const { postgres, redis, chromium } = services;
  await ask(postgres.host, postgres.port).catch((error: unknown) => {
    missing.push(
      `PostgreSQL on ${postgres.host}:${postgres.port} (${reason(error)}): start it, trust auth for user postgres`,
    );
  });
  await ask(redis.host, redis.port, 'PING\r\n')
    .then((answer) => {
      if (!answer.startsWith('+PONG'))
        throw new Error(`it answered ${JSON.stringify(answer.slice(0, 40))}`);
    })
    .catch((error: unknown) => {
      missing.push(`Redis on ${redis.host}:${redis.port} (${reason(error)}): start redis-server`);
    });
  await access(chromium, constants.X_OK).catch(() => {
    missing.push(`Chromium at ${chromium} (not installed): apt-get install -y chromium`);
  });
  return missing;
}

/** The test files named on the command line, if any (vitest run <filters>). */
function fileFilters(argv: readonly string[]): string[] {
  return argv.slice(2).filter((arg) => !arg.startsWith('-') && arg.includes('test/'));
}

export default async function checkServices(): Promise<void> {
  const filters = fileFilters(process.argv);
  if (filters.length > 0 && filters.every((filter) => /(^|\/)test\/unit\//.test(filter))) return;
  const missing = await missingServices();
  if (missing.length === 0) return;
  throw new Error(
    `the tests need parts this machine does not have:\n${missing.map((m) => `  - ${m}`).join('\n')}\n` +
      'bash .ci/run installs and starts all of them (as root), then runs the tests.',
  );
}
