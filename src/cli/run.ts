import { CommanderError } from 'commander';
import { processEnvironment } from '../config/env.js';
import { CliContext } from './context.js';
import { EXIT, exitCodeOf } from './errors.js';
import { createProgram } from './program.js';

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const program = createProgram(context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return context.failed ? EXIT.failure : EXIT.ok;
  } catch (error) {
    return exitCodeFor(error, context);
  } finally {
    await context.close();
  }
}

function exitCodeFor(error: unknown, context: CliContext): number {
  if (error instanceof CommanderError) {
    // Commander has already printed help, the version or the usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const write = (text: string) => context.io.stderr.write(`skillpulse: ${text}\n`);
  const code = exitCodeOf(error);
  if (code === EXIT.usage) {
    // Bad input or not found: the message says what to change; no stack to read.
    write((error as Error).message);
    return code;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`error: ${message}`);
  if (error instanceof Error && error.stack && wantsStack(context)) {
    context.io.stderr.write(`${error.stack}\n`);
  }
  return EXIT.failure;
}

function wantsStack(context: CliContext): boolean {
  try {
    const level = context.getConfig().logLevel;
    return level === 'debug' || level === 'trace';
  } catch {
    return false;
  }
}

/**
 * Runs the CLI as a process: the real environment, stdin, stdout and stderr; the exit
 * code is set, not forced, so open handles close first.
 */
export async function runMain(argv: readonly string[]): Promise<void> {
  const context = new CliContext(processEnvironment(), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  process.exitCode = await runCli(argv, context);
}
