/** `npm run bench`: every benchmark in turn, each printing its own figures. */
import { benchDbWrite } from './db-write.js';

await benchDbWrite();
console.log(`peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
