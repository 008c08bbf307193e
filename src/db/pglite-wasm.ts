import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';

/*
 * The embedded database's WebAssembly (PGlite's 9 MB pglite.wasm), compiled for a brief
 * command: started as soon as the command is known, so that V8 compiles it on its
 * background threads while the command's modules load, and with its baseline compiler
 * only. By default V8 also recompiles the module with its optimizing compiler, in the
 * background, and Node waits for that work before the process exits: a fifth of a
 * second, a quarter of a brief command, for code that a few small queries never run long
 * enough to gain from. Long jobs (demo, process, rollup, serve) leave both alone.
 */

let compiled: Promise<WebAssembly.Module> | undefined;

/** Starts compiling PGlite's module for a brief command; once a process. */
export function compilePgliteForBriefUse(): void {
  if (compiled) return;
  // Holds for the modules compiled after it, in this process only.
  setFlagsFromString('--liftoff-only');
  const wasm = new URL('./pglite.wasm', import.meta.resolve('@electric-sql/pglite'));
  compiled = readFile(wasm).then((bytes) => WebAssembly.compile(bytes));
  // Awaited by openDatabase, which reports a failure; none is left unhandled meanwhile.
  compiled.catch(() => undefined);
}

/** The module compilePgliteForBriefUse is compiling; undefined when it was not asked. */
export function precompiledPglite(): Promise<WebAssembly.Module> | undefined {
  return compiled;
}
