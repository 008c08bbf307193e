/** `npm run bench`: every benchmark in turn, each printing its own figures. */
import { benchCrawl } from './crawl.js';
import { benchDbWrite } from './db-write.js';
import { benchProcess } from './process.js';

await benchDbWrite();
await benchCrawl();
await benchProcess();
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
