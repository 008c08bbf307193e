import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const TOKEN = 'serve-cli-admin-token-0123456789';
const AUTH = { authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` };
/** Longer than serve's own bound on closing (5 s) plus the database's close. */
const STOP_BOUND_MS = 20_000;

let database: TestDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase('postgres');
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.drop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** A redis-server of the test's own, on a free port, without persistence. */
async function startRedis(port: number) {
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }); // prettier-ignore
  children.push(child);
  const exited = new Promise((resolve) => child.once('close', resolve));
  await until('redis-server', () => spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG'); // prettier-ignore
  return { stop: () => (child.kill('SIGKILL'), exited) };
}

/** `skillpulse serve` with the queue board on `redisUrl`, once it listens. */
async function startServe(redisUrl: string) {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DATABASE_URL: database.url as string, REDIS_URL: redisUrl, ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, // prettier-ignore
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  await until('the dashboard', () => /dashboard at http:\/\/\S+\//.test(output.stdout));
  const url = /dashboard at (http:\/\/[^\s/]+)/.exec(output.stdout)![1] as string;
  const lines = () => output.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string }); // prettier-ignore
  const said = (pattern: RegExp) => lines().filter((l) => pattern.test(l.msg)).length;
  /** Stops it with one SIGTERM: its exit code, or 'still running' past the bound. */
  const stop = async () => {
    child.kill('SIGTERM');
    const bound = new Promise<'still running'>((resolve) => setTimeout(resolve, STOP_BOUND_MS, 'still running')); // prettier-ignore
    return Promise.race([exited, bound]);
  };
  return { url, output, said, stop };
}

const board = (url: string) => fetch(`${url}/admin/queues/api/queues`, { headers: AUTH });

describe('skillpulse serve without its Redis', () => {
  it('says once that Redis cannot be reached, answers the board with 503, and stops on the first SIGTERM', async () => {
    const serve = await startServe('redis://127.0.0.1:1');
    // Several reconnection attempts (ioredis retries within 2 s).
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await board(serve.url)).status).toBe(503);
    expect((await fetch(`${serve.url}/api/health`)).status).toBe(200);
    expect(await serve.stop()).toBe(0);
    expect(serve.said(/^Redis at 127\.0\.0\.1:1 cannot be reached/)).toBe(1);
    expect(serve.said(/dashboard stopped/)).toBe(1);
    expect(serve.output.stderr).not.toMatch(/Unhandled error/i);
  });

  it('says once that Redis went away and once that it is back, and stops on the first SIGTERM while it is away', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const serve = await startServe(`redis://127.0.0.1:${port}`);
    await until('the board', async () => (await board(serve.url)).status === 200);
    await redis.stop();
    await until('the board to say Redis is away', async () => (await board(serve.url)).status === 503); // prettier-ignore
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(serve.said(/^Redis at 127\.0\.0\.1:\d+ cannot be reached/)).toBe(1);
    redis = await startRedis(port);
    await until('Redis back', () => serve.said(/^Redis at 127\.0\.0\.1:\d+ is back/) === 1);
    expect((await board(serve.url)).status).toBe(200);
    await redis.stop();
    await until('the board to say Redis is away', async () => (await board(serve.url)).status === 503); // prettier-ignore
    expect(await serve.stop()).toBe(0);
    expect(serve.said(/^Redis at 127\.0\.0\.1:\d+ cannot be reached/)).toBe(2);
    expect(serve.said(/^Redis at 127\.0\.0\.1:\d+ is back/)).toBe(1);
    expect(serve.output.stderr).not.toMatch(/Unhandled error/i);
  });
});
