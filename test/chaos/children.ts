/**
 * The CLI processes of a chaos run: one-shot commands with a time bound (one that does not
 * exit within it is a hang: killed and recorded) and `skillpulse worker` processes under a
 * supervisor that starts them again when they die, as systemd's Restart=always would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, ROOT } from '../helpers/cli.js';

/**
 * Loaded into every worker and run process: names each BullMQ worker after its process
 * (`pid:1234`), so that an active job's `processedBy` says which process holds it and a
 * fault can kill exactly that one. BullMQ is loaded as CommonJS by the CLI, so the class
 * patched here is the one the CLI uses. A name the pipeline sets itself is kept.
 */
const WORKER_NAME_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import { createRequire } from 'node:module';
const { Worker } = createRequire(${JSON.stringify(`${ROOT}package.json`)})('bullmq');
const name = 'pid:' + process.pid;
const moveToActive = Worker.prototype.moveToActive;
Worker.prototype.moveToActive = function (token, workerName) {
  return moveToActive.call(this, token, workerName ?? name);
};`,
)}`;

/** The process id in a BullMQ `processedBy` (`pid:1234`, or a name ending in the pid). */
export function pidOfWorkerName(name: string | undefined): number | undefined {
  const match = /(\d+)$/.exec(name ?? '');
  return match ? Number(match[1]) : undefined;
}

/** One command's outcome. */
export interface CommandRecord {
  readonly label: string;
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
  /** It did not exit within its bound and was killed. */
  readonly hung: boolean;
  readonly boundMs: number;
  readonly stdout: string;
  /** The last lines it wrote to stderr. */
  readonly stderrTail: string;
  readonly logFile: string;
}

const TAIL = 4_000;

/** Every child of the chaos run, so that any way out (error, Ctrl-C) kills them all. */
export class ChildRegistry {
  private readonly live = new Set<ChildProcess>();

  /** `cli`: the built CLI's main.js; another build's to try it (see run.ts --cli). */
  constructor(
    private readonly env: Readonly<Record<string, string>>,
    private readonly cli: string = CLI,
  ) {}

  /** Starts the built CLI with the run's environment plus `env`, output to `log`. */
  spawnCli(
    args: readonly string[],
    env: Readonly<Record<string, string>>,
    log: WriteStream,
  ): { child: ChildProcess; stdout: () => string; stderrTail: () => string } {
    const child = spawn(process.execPath, ['--import', WORKER_NAME_PRELOAD, this.cli, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.live.add(child);
    child.once('exit', () => this.live.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      log.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-TAIL);
      log.write(chunk);
    });
    return { child, stdout: () => stdout, stderrTail: () => stderr };
  }

  /** Runs a command to its end, or kills it at `boundMs` and says it hung. */
  async run(
    label: string,
    args: readonly string[],
    options: { env: Readonly<Record<string, string>>; logFile: string; boundMs: number },
  ): Promise<CommandRecord> {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    log.write(`# ${new Date().toISOString()} skillpulse ${args.join(' ')}\n`);
    const started = Date.now();
    const { child, stdout, stderrTail } = this.spawnCli(args, options.env, log);
    const exit = exitOf(child);
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, options.boundMs);
    const { code, signal } = await exit;
    clearTimeout(timer);
    await new Promise((resolve) => log.end(resolve));
    return { label, args, code, signal, ms: Date.now() - started, hung, boundMs: options.boundMs, stdout: stdout(), stderrTail: stderrTail(), logFile: options.logFile }; // prettier-ignore
  }

  /** kill -9 of every child still running: synchronous, for exit handlers. */
  killAll(): void {
    for (const child of this.live) child.kill('SIGKILL');
    this.live.clear();
  }
}

function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode }); // prettier-ignore
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** A worker process's end that nobody asked for (not our kill, not our stop). */
export interface UnexpectedExit {
  readonly worker: string;
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderrTail: string;
}

/**
 * A `skillpulse worker` under supervision: started again a second after it dies, whoever
 * killed it. Exits the chaos run did not cause are recorded.
 */
export class SupervisedWorker {
  private current: ChildProcess | undefined;
  private tail: () => string = () => '';
  private stopping = false;
  private killedByFault = new Set<number>();
  private restarting: Promise<void> = Promise.resolve();
  readonly unexpectedExits: UnexpectedExit[] = [];
  /** How many times it was started. */
  starts = 0;

  constructor(
    readonly name: string,
    private readonly registry: ChildRegistry,
    private readonly args: readonly string[],
    private readonly env: Readonly<Record<string, string>>,
    private readonly log: WriteStream,
    private readonly restartDelayMs = 1_000,
  ) {}

  get pid(): number | undefined {
    return this.current?.exitCode === null ? this.current.pid : undefined;
  }

  /**
   * Starts it and waits for its 'worker started' line: false when that did not come within
   * `boundMs` (it may still come) or the process died first (the supervisor restarts it).
   */
  async start(boundMs = 90_000): Promise<boolean> {
    this.starts++;
    this.log.write(`# ${new Date().toISOString()} start ${this.starts}: skillpulse ${this.args.join(' ')}\n`); // prettier-ignore
    const { child, stderrTail } = this.registry.spawnCli(this.args, this.env, this.log);
    this.current = child;
    this.tail = stderrTail;
    child.once('exit', (code, signal) => {
      const pid = child.pid ?? -1;
      this.log.write(`\n# ${new Date().toISOString()} pid ${pid} exited: code ${code} signal ${signal}\n`); // prettier-ignore
      if (this.stopping) return;
      if (!this.killedByFault.delete(pid)) {
        this.unexpectedExits.push({ worker: this.name, pid: child.pid, code, signal, stderrTail: stderrTail().slice(-1_500) }); // prettier-ignore
      }
      this.restarting = sleep(this.restartDelayMs).then(async () => {
        if (!this.stopping) await this.start(boundMs);
      });
    });
    const deadline = Date.now() + boundMs;
    while (!stderrTail().includes('"msg":"worker started"')) {
      if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) return false; // prettier-ignore
      await sleep(50);
    }
    return true;
  }

  /** kill -9, as the fault does; the supervisor starts it again. */
  killNine(): number | undefined {
    const pid = this.pid;
    if (pid === undefined || !this.current) return undefined;
    this.killedByFault.add(pid);
    this.current.kill('SIGKILL');
    return pid;
  }

  /** Waits for a restart under way to be done. */
  async settled(): Promise<void> {
    await this.restarting;
  }

  /**
   * SIGTERM, as a deployment stops it: running jobs finish and it exits. One that has not
   * exited within `boundMs` is a hang: killed with SIGKILL.
   */
  async stop(boundMs: number): Promise<{ code: number | null; hung: boolean; ms: number }> {
    this.stopping = true;
    await this.restarting;
    const child = this.current;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return { code: child?.exitCode ?? null, hung: false, ms: 0 };
    }
    const started = Date.now();
    const exit = exitOf(child);
    child.kill('SIGTERM');
    const hung = await Promise.race([exit.then(() => false), sleep(boundMs).then(() => true)]);
    if (hung) child.kill('SIGKILL');
    const { code } = await exit;
    return { code, hung, ms: Date.now() - started };
  }

  stderrTail(): string {
    return this.tail();
  }
}
