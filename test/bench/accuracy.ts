/**
 * Field accuracy on the gold set (`npm run bench:accuracy`): imports every response the
 * hand-labelled postings of test/gold/ come from through the real adapters, processes
 * them on PostgreSQL, and prints per field and per source how often processing agrees
 * with the labels, with every posting it got wrong. Prints its figures; asserts nothing.
 *
 *   npm run bench:accuracy [-- --backend pglite] [-- --source remoteok] [-- --brief] [-- --json out.json]
 */
import { writeFileSync } from 'node:fs';
import type { Backend } from '../../src/db/connect.js';
import { loadTaxonomy } from '../../src/skills/taxonomy.js';
import { createTestDatabase } from '../helpers/database.js';
import { goldInputs, goldPostings } from '../helpers/gold.js';
import {
  evaluateGold,
  importAndProcess,
  skillRates,
  type Evaluation,
  type FieldScore,
} from '../helpers/gold-eval.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const backend = (option('--backend') ?? 'postgres') as Backend;
const onlySource = option('--source');
const brief = args.includes('--brief');
const jsonOut = option('--json');

const taxonomy = loadTaxonomy();
const inputs = goldInputs();
const sourceByFile = new Map(inputs.map((i) => [i.file, i.source]));
const sourceOf = (file: string) => sourceByFile.get(file) ?? 'unknown';
const gold = goldPostings().filter((g) => !onlySource || sourceOf(g.file) === onlySource);
const files = new Set(gold.map((g) => g.file));

const database = await createTestDatabase(backend);
let stored;
try {
  stored = await importAndProcess(
    database.db,
    inputs.filter((i) => files.has(i.file)),
  );
} finally {
  await database.drop();
}

const overall = evaluateGold(gold, stored, sourceOf, taxonomy);
const sources = [...new Set(gold.map((g) => sourceOf(g.file)))].sort();
const bySource = new Map(
  sources.map((s) => [s, evaluateGold(gold.filter((g) => sourceOf(g.file) === s), stored, sourceOf, taxonomy)]), // prettier-ignore
);

const pct = (f: FieldScore) => (f.total === 0 ? '–' : `${((100 * f.right) / f.total).toFixed(1)}%`);
const ratio = (f: FieldScore) => `${f.right}/${f.total}`;
const rates = skillRates(overall.skills);

console.log(`gold set: ${gold.length} postings from ${sources.length} sources (${files.size} responses), processed on ${backend}`); // prettier-ignore
if (overall.missing.length > 0) console.log(`not stored by processing: ${overall.missing.length}\n  ${overall.missing.join('\n  ')}`); // prettier-ignore
const notPay = overall.notPayCounted.total - overall.notPayCounted.right;
const rows: [string, string, string, string, boolean][] = [
  ['pay read exactly (of stated)', ratio(overall.pay), pct(overall.pay), '≥ 95%', overall.pay.right >= 0.95 * overall.pay.total], // prettier-ignore
  ['figures not pay counted', `${notPay}`, `${notPay}`, '0', notPay === 0],
  ['contract type', ratio(overall.contract), pct(overall.contract), '≥ 90%', overall.contract.right >= 0.9 * overall.contract.total], // prettier-ignore
  ['country (where stated)', ratio(overall.country), pct(overall.country), '≥ 95%', overall.country.right >= 0.95 * overall.country.total], // prettier-ignore
  ['no country invented', ratio(overall.countryInvented), pct(overall.countryInvented), '', true],
  ['work mode', ratio(overall.workMode), pct(overall.workMode), '≥ 90%', overall.workMode.right >= 0.9 * overall.workMode.total], // prettier-ignore
  ['skills precision', `${overall.skills.truePositives}/${overall.skills.tagged}`, rates.precision.toFixed(3), '≥ 0.95', rates.precision >= 0.95], // prettier-ignore
  ['skills recall', `${overall.skills.found}/${overall.skills.asked}`, rates.recall.toFixed(3), '≥ 0.90', rates.recall >= 0.9], // prettier-ignore
  ['trap words tagged', `${overall.skills.trapsTagged}/${overall.skills.traps}`, `${(100 * rates.trapRate).toFixed(1)}%`, '≤ 10%', rates.trapRate <= 0.1], // prettier-ignore
];
console.log('\nfield                          right/of     score    target  met');
for (const [name, r, s, target, met] of rows) {
  console.log(`${name.padEnd(30)} ${r.padStart(9)} ${s.padStart(9)} ${target.padStart(9)}  ${target ? (met ? 'yes' : 'NO') : ''}`); // prettier-ignore
}

console.log(
  '\nper source     postings  pay     not-pay  contract  country  work-mode  skills P  skills R  traps',
);
for (const [source, e] of bySource) {
  const r = skillRates(e.skills);
  console.log(
    `${source.padEnd(14)} ${String(e.postings).padStart(8)}  ${pct(e.pay).padStart(6)}  ${String(e.notPayCounted.total - e.notPayCounted.right).padStart(7)}  ${pct(e.contract).padStart(8)}  ${pct(e.country).padStart(7)}  ${pct(e.workMode).padStart(9)}  ${r.precision.toFixed(3).padStart(8)}  ${r.recall.toFixed(3).padStart(8)}  ${`${e.skills.trapsTagged}/${e.skills.traps}`.padStart(5)}`,
  );
}

if (!brief) {
  const list = (title: string, wrong: readonly string[]) => {
    if (wrong.length > 0) console.log(`\n${title} (${wrong.length}):\n  ${wrong.join('\n  ')}`);
  };
  list('pay wrong', overall.pay.wrong);
  list('figures counted as pay that are not the pay offered', overall.notPayCounted.wrong);
  list('contract type wrong', overall.contract.wrong);
  list('country wrong', overall.country.wrong);
  list('country invented', overall.countryInvented.wrong);
  list('work mode wrong', overall.workMode.wrong);
  list('skills wrong', overall.skills.wrong);
}
const gaps = [...overall.gaps].sort((a, b) => b[1] - a[1]);
console.log(`\nskills asked for that the taxonomy lacks: ${gaps.length} names; most asked: ${gaps.slice(0, 25).map(([n, c]) => `${n} (${c})`).join(', ')}`); // prettier-ignore

if (jsonOut) {
  const figures = (e: Evaluation) => ({
    postings: e.postings,
    pay: [e.pay.right, e.pay.total],
    notPayCounted: e.notPayCounted.total - e.notPayCounted.right,
    contract: [e.contract.right, e.contract.total],
    country: [e.country.right, e.country.total],
    workMode: [e.workMode.right, e.workMode.total],
    skills: skillRates(e.skills),
  });
  writeFileSync(jsonOut, JSON.stringify({ overall: figures(overall), bySource: Object.fromEntries([...bySource].map(([s, e]) => [s, figures(e)])) }, null, 2)); // prettier-ignore
}
