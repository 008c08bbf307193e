#!/usr/bin/env node
/*
 * The BullMQ worker process of docker-compose.yml: `skillpulse worker` with the options
 * given (for example --queues=crawl --concurrency=2). Stops gracefully on SIGTERM.
 */
import { runMain } from '../src/cli/run.js';

await runMain(['worker', ...process.argv.slice(2)]);
