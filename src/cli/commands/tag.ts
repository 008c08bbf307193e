import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';

/** What tags one line: its fields checked, then read as processing reads a posting. */
type LineTagger = (line: string) => Record<string, unknown>;

/** The tagger of input lines, with the schema and the taxonomy it loads (zod, the YAML, natural). */
export async function createLineTagger(): Promise<LineTagger> {
  const [{ z }, { skillText }, { defaultTagger }] = await Promise.all([
    import('zod'),
    import('../../skills/sections.js'),
    import('../../skills/tagger.js'),
  ]);
  const lineSchema = z.object({
    id: z.union([z.string(), z.number()]).nullish(),
    title: z.string().max(10_000).nullish(),
    text: z.string().nullish(),
    company: z.string().max(1_000).nullish(),
    tags: z.array(z.string().max(200)).max(1_000).nullish(),
  });
  const tagger = defaultTagger();
  return (line) => {
    // An empty line keeps its place: one line out for each line in.
    if (line.trim() === '') return { id: null, skills: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { id: null, error: 'not a JSON object: expected {"id","title","text"}' };
    }
    const result = lineSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      return {
        id: null,
        error: `bad field ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
      };
    }
    const { id, title, text, company, tags } = result.data;
    // Read as processing reads a posting: the parts that ask for skills, and the poster's tags.
    const read = skillText({
      title: title ?? '',
      description: text ?? '',
      company: company ?? null,
      tags: tags ?? [],
    });
    const skills = tagger
      .tag(read.title, read.text)
      .map(({ id: skill, name, category, mentions, surface }) => ({
        id: skill,
        name,
        category,
        mentions,
        surface,
      }));
    return { id: id ?? null, skills };
  };
}

export function tagCommand(context: CliContext): Command {
  return new Command('tag')
    .description(
      'tag skills in JSON lines {"id","title","text"} read on stdin; writes one {"id","skills"} line for each line read, in the same order (an empty line gets {"id":null,"skills":[]})',
    )
    .addHelpText(
      'after',
      '\nExample:\n  echo \'{"id":"1","title":"Go developer","text":"k8s and Terraform"}\' | skillpulse tag',
    )
    .action(async () => {
      const input = context.io.stdin;
      if (!input) throw new UsageError('skillpulse tag reads JSON lines on stdin');
      const tagLine = await createLineTagger();
      const lines = createInterface({ input, crlfDelay: Infinity });
      const out = context.io.stdout;
      for await (const line of lines) {
        // Whoever read the answers went away (`| head`): nothing left to answer for.
        if (context.outputClosed) break;
        const answer = tagLine(line);
        if ('error' in answer) context.failed = true;
        if (!out.write(`${JSON.stringify(answer)}\n`)) await drainOrClose(out, context);
      }
      lines.close();
    });
}

/** Waits until `out` takes more, or until it closed. */
async function drainOrClose(out: NodeJS.WritableStream, context: CliContext): Promise<void> {
  if (context.outputClosed) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
}
