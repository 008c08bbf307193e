import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG_FILE = path.join(ROOT, '.dependency-cruiser.cjs');

/** The violations of the house plan among the modules under `baseDir`/src. */
async function violationsIn(baseDir: string): Promise<IViolation[]> {
  const options = await extractDepcruiseOptions(CONFIG_FILE);
  const result = await cruise(['src'], { ...options, baseDir, validate: true });
  return (result.output as ICruiseResult).summary.violations;
}

/** One line per violation, saying what to fix: the import (or the cycle) and the rule. */
function describeViolation(violation: IViolation): string {
  const where = violation.cycle
    ? [violation.from, ...violation.cycle.map((step) => step.name)].join(' → ')
    : `${violation.from} → ${violation.to}`;
  return `${violation.rule.name}: ${where}`;
}

/** The failure message: every violation, then what each broken rule asks for. */
async function report(violations: readonly IViolation[]): Promise<string> {
  const options = await extractDepcruiseOptions(CONFIG_FILE);
  const broken = new Set(violations.map((violation) => violation.rule.name));
  const comments = (options.ruleSet?.forbidden ?? [])
    .filter((rule) => rule.name !== undefined && broken.has(rule.name))
    .map((rule) => `${rule.name}: ${rule.comment ?? ''}`);
  return [
    `${violations.length} import(s) break the house plan of .dependency-cruiser.cjs:`,
    ...violations.map((violation) => `  ${describeViolation(violation)}`),
    'The rules:',
    ...comments.map((comment) => `  ${comment}`),
  ].join('\n');
}

describe('the house plan of src/ (.dependency-cruiser.cjs)', () => {
  it('has every module import only from its own layer or a lower one, in no cycle, never from test/', async () => {
    const violations = await violationsIn(ROOT);
    expect(violations.map(describeViolation), await report(violations)).toEqual([]);
  });

  describe('on a small tree that breaks it', () => {
    let tree = '';
    beforeAll(() => {
      tree = mkdtempSync(path.join(tmpdir(), 'skillpulse-architecture-'));
    });
    afterAll(() => rmSync(tree, { recursive: true, force: true }));

    function writeModule(file: string, source: string): void {
      mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      writeFileSync(path.join(tree, file), source);
    }

    it('names an upward import, a cycle, an import of test code and a folder of no layer', async () => {
      cpSync(path.join(ROOT, 'tsconfig.json'), path.join(tree, 'tsconfig.json'));
      writeModule('src/config/config.ts', "export { run } from '../cli/run.js';\n");
      writeModule('src/cli/run.ts', 'export const run = 1;\n');
      writeModule('src/db/a.ts', "import { b } from './b.js';\nexport const a = b;\n");
      writeModule('src/db/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
      writeModule('src/nlp/words.ts', "export { word } from '../../test/words.js';\n");
      writeModule('test/words.ts', "export const word = 'word';\n");
      writeModule('src/skills/tags.ts', "export { extra } from '../extras/extra.js';\n");
      writeModule('src/extras/extra.ts', 'export const extra = 1;\n');

      const found = (await violationsIn(tree)).map(describeViolation).sort();

      // dependency-cruiser reports a cycle of two modules once, not from each of them.
      expect(found).toEqual([
        'layer-config: src/config/config.ts → src/cli/run.ts',
        'layer-unknown: src/skills/tags.ts → src/extras/extra.ts',
        'no-circular: src/db/a.ts → src/db/b.ts → src/db/a.ts',
        'src-not-to-test: src/nlp/words.ts → test/words.ts',
      ]);
    });
  });
});
