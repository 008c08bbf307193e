import { Command } from 'commander';
import type { CliContext } from '../context.js';

export function rateCommand(context: CliContext): Command {
  return new Command('rate')
    .description('parse a rate or salary from text and print it as JSON (null: no rate stated)')
    .argument('<text>', 'e.g. "£450-500/day outside IR35" or "$120k-150k"')
    .action(async (text: string) => {
      const { parseRate } = await import('../../normalize/rate.js');
      context.print(JSON.stringify(parseRate(text)));
    });
}
