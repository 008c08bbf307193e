/**
 * The services a chaos run owns and breaks: a Redis server of its own (never the
 * machine's on 6379) and a TCP proxy in front of PostgreSQL that can cut every connection.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import {
  createConnection,
  createServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A port nobody listens on now (the kernel's pick). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function redisAnswers(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false }); // prettier-ignore
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * `redis-server --port <port> --save '' --appendonly no`: nothing survives a restart, as
 * with a Redis whose persistence is off or whose disk was lost.
 */
export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly logFile: string,
  ) {}

  /** Starts a Redis on a free port, its output appended to `logFile`. */
  static async start(logFile: string): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), logFile);
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private async launch(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }); // prettier-ignore
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await redisAnswers(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`redis-server on port ${this.port} did not start (see ${this.logFile})`);
      }
      await sleep(50);
    }
  }

  /** Stops it the way the fault asks: SHUTDOWN NOSAVE, or kill -9. */
  async stop(how: 'shutdown' | 'kill'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (how === 'kill') {
      child.kill('SIGKILL');
    } else {
      const client = new Redis({ port: this.port, host: '127.0.0.1', maxRetriesPerRequest: 0, retryStrategy: () => null }); // prettier-ignore
      client.on('error', () => undefined);
      // The connection closes under the command: that is the answer.
      await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
      client.disconnect();
    }
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    this.child = undefined;
  }

  /** Starts it again on the same port, empty. */
  async restart(): Promise<void> {
    await this.launch();
  }

  /** Kills it (the end of the run, or Ctrl-C): synchronous, so an exit handler can call it. */
  killNow(): void {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    this.child = undefined;
  }
}

/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL. `cut` drops every connection and stops
 * listening (new ones are refused, as from a server that is down) for a while.
 */
export class PostgresProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly clients = new Set<Socket>();
  /** Connections proxied since the start, and how many were cut. */
  readonly stats = { connections: 0, cut: 0 };

  private constructor(
    readonly port: number,
    private readonly upstream: { host: string; port: number },
  ) {}

  static async start(upstream: { host: string; port: number }): Promise<PostgresProxy> {
    const proxy = new PostgresProxy(await freePort(), upstream);
    await proxy.listen();
    return proxy;
  }

  /** A connection string through the proxy for the upstream URL's database. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(this.port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (error) {
        // The port may linger for a moment after a close; anything else is fatal.
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 50) throw error;
        await sleep(100);
      }
    }
    this.server = server;
  }

  private accept(client: Socket): void {
    this.stats.connections++;
    this.clients.add(client);
    client.once('close', () => this.clients.delete(client));
    const server = createConnection(this.upstream);
    for (const socket of [client, server]) {
      this.sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        this.sockets.delete(socket);
        // One side gone: the other goes too, as a broken network would leave it.
        (socket === client ? server : client).destroy();
      });
    }
    client.pipe(server);
    server.pipe(client);
  }

  /** Drops every connection and refuses new ones for `ms`, then listens again. */
  async cut(ms: number): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise((resolve) => server.close(resolve)) : Promise.resolve();
    this.stats.cut += this.clients.size;
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await sleep(ms);
    await this.listen();
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
