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
  if (isClosedOutput(error, context)) {
    // The reader of stdout went away (`| head`): it had what it wanted; nothing to say.
    return context.failed ? EXIT.failure : EXIT.ok;
  }
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

/** Whether `error` is stdout closing under a command (EPIPE, or a write after it). */
function isClosedOutput(error: unknown, context: CliContext): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || (context.outputClosed && code === 'ERR_STREAM_DESTROYED');
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
  // A reader that goes away (`skillpulse tag | head`) ends the output, not the command
  // with an error: what is left to print is dropped and the exit code is the command's.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (isClosedOutput(error, context)) {
      context.outputClosed = true;
      return;
    }
    process.stderr.write(`skillpulse: error: writing the output: ${error.message}\n`);
    process.exitCode = EXIT.failure;
  });
  const code = await runCli(argv, context);
  process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
}
