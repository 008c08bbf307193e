import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { parsePositiveInt } from '../options.js';

export function termsCommand(context: CliContext): Command {
  return new Command('terms')
    .description(
      "list terms (1-3 words) the taxonomy does not know whose share of recent postings rose most: candidates for new skills (known skills in any case, numbers, rates, places, the postings' companies and stock phrases of job ads are left out)",
    )
    .addOption(new Option('--weeks <n>', 'recent weeks').argParser(parsePositiveInt).default(4))
    .addOption(
      new Option('--before <n>', 'weeks before them to compare with')
        .argParser(parsePositiveInt)
        .default(8),
    )
    .addOption(
      new Option('--min-support <n>', 'recent postings a term must appear in')
        .argParser(parsePositiveInt)
        .default(5),
    )
    .addOption(new Option('--limit <n>', 'terms to list').argParser(parsePositiveInt).default(30))
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action(
      async (options: {
        weeks: number;
        before: number;
        minSupport: number;
        limit: number;
        format: string;
      }) => {
        const { db } = await context.openDatabase();
        const [{ defaultTagger }, { emergingTerms }, { citiesNamed, countryNamed }] =
          await Promise.all([
            import('../../skills/tagger.js'),
            import('../../skills/terms.js'),
            import('../../normalize/gazetteer.js'),
          ]);
        const result = await emergingTerms(db, defaultTagger(), {
          recentWeeks: options.weeks,
          baselineWeeks: options.before,
          minSupport: options.minSupport,
          limit: options.limit,
          isPlace: (term) => countryNamed(term) !== null || isCity(citiesNamed(term)),
        });
        if (options.format === 'json') {
          context.print(JSON.stringify(result));
          return;
        }
        context.print(
          `${result.recentPostings} postings in the last ${options.weeks} weeks against ${result.postingsBefore} in the ${options.before} before`,
        );
        if (result.terms.length === 0) {
          context.print(`no unknown term in ${options.minSupport} or more recent postings rose`);
          return;
        }
        context.print('term                           postings  share   before      z   tf-idf');
        for (const t of result.terms) {
          context.print(
            `${t.term.padEnd(30).slice(0, 30)} ${String(t.postings).padStart(8)} ${pct(t.share)} ${pct(t.shareBefore)} ${t.z.toFixed(1).padStart(6)} ${t.tfidf.toFixed(2).padStart(8)}`,
          );
        }
      },
    );
}

/**
 * Whether a term names a city: one of 100,000 people or more has its name ("manchester",
 * whichever of them an ad means), where a mere village would take a word from the list.
 */
function isCity(cities: readonly { readonly population: number }[]): boolean {
  return (cities[0]?.population ?? 0) >= 100_000;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`.padStart(7);
}
