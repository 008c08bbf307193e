/*
 * Prints the gold set's postings for a person to label: each posting's file, id and the
 * source's own item (every field, HTML shown as the plain text processing cleans it to),
 * never the program's reading of its fields.
 * `tsx test/gold/print-postings.ts [--unlabelled] [--file <prefix>]`.
 */
import { cleanDescription } from '../../src/normalize/text.js';
import { goldInputs, goldPostings, readGoldInput } from '../helpers/gold.js';

const args = process.argv.slice(2);
const onlyUnlabelled = args.includes('--unlabelled');
const prefix = args.includes('--file') ? args[args.indexOf('--file') + 1]! : '';
const labelled = new Set(onlyUnlabelled ? goldPostings().map((p) => `${p.file}#${p.id}`) : []);

function plain(value: unknown): unknown {
  if (typeof value === 'string') {
    return /<[a-z!/][^>]*>|&[a-z#0-9]+;/i.test(value) ? cleanDescription(value).text : value;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

for (const input of goldInputs()) {
  if (!input.file.startsWith(prefix)) continue;
  for (const listing of readGoldInput(input)) {
    if (labelled.has(`${input.file}#${listing.externalId}`) || listing.title.trim() === '')
      continue;
    console.log(`\n======== file: ${input.file}  id: ${listing.externalId}`);
    console.log(`title: ${listing.title}`);
    const item = JSON.stringify(plain(listing.source), null, 1);
    console.log(item);
    // Some adapters keep only part of the item (an HN comment's headline): show its text too.
    const text = listing.description ? String(plain(listing.description)) : '';
    if (text && !item.includes(JSON.stringify(text.slice(-40)).slice(1, -1))) {
      console.log(`text:\n${text}`);
    }
  }
}
