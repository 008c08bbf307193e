/**
 * Runs the fixture web in its own process, for benchmarks and manual exploration:
 *   tsx src/demo/serve.ts [--postings N] [--weeks N] [--sources a,b] [--port P]
 * Prints the URL on the first line of stdout and serves until stdin closes or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { generateMarket } from './generate-market.js';
import { startFixtureWeb } from './server.js';

const { values } = parseArgs({
  options: {
    postings: { type: 'string', default: '480' },
    weeks: { type: 'string', default: '8' },
    sources: { type: 'string' },
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '42' },
  },
});
const weeks = Number(values.weeks);
const market = generateMarket({
  seed: Number(values.seed),
  weeks,
  perWeek: Math.ceil(Number(values.postings) / weeks),
  ...(values.sources ? { sources: values.sources.split(',') } : {}),
});
const web = await startFixtureWeb({ market, port: Number(values.port) });
process.stdout.write(`${web.url}\n`);
const stop = () => void web.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
