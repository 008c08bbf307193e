import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Command } from 'commander';
import { z } from 'zod';
import { skillText } from '../../skills/sections.js';
import { defaultTagger } from '../../skills/tagger.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  title: z.string().max(10_000).nullish(),
  text: z.string().nullish(),
  company: z.string().max(1_000).nullish(),
  tags: z.array(z.string().max(200)).max(1_000).nullish(),
});

/** The answer for one input line: its skills, or why it has none. */
export function tagLine(line: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { id: null, error: 'not a JSON object: expected {"id","title","text"}' };
  }
  const result = lineSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { id: null, error: `bad field ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` };
  }
  const { id, title, text, company, tags } = result.data;
  // Read as processing reads a posting: the parts that ask for skills, and the poster's tags.
  const read = skillText({
    title: title ?? '',
    description: text ?? '',
    company: company ?? null,
    tags: tags ?? [],
  });
  const skills = defaultTagger()
    .tag(read.title, read.text)
    .map(({ id: skill, name, category, mentions, surface }) => ({
      id: skill,
      name,
      category,
      mentions,
      surface,
    }));
  return { id: id ?? null, skills };
}

export function tagCommand(context: CliContext): Command {
  return new Command('tag')
    .description(
      'tag skills in JSON lines {"id","title","text"} read on stdin; writes {"id","skills"} lines in the same order',
    )
    .addHelpText(
      'after',
      '\nExample:\n  echo \'{"id":"1","title":"Go developer","text":"k8s and Terraform"}\' | skillpulse tag',
    )
    .action(async () => {
      const input = context.io.stdin;
      if (!input) throw new UsageError('skillpulse tag reads JSON lines on stdin');
      const lines = createInterface({ input, crlfDelay: Infinity });
      const out = context.io.stdout;
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const answer = tagLine(line);
        if ('error' in answer) context.failed = true;
        if (!out.write(`${JSON.stringify(answer)}\n`)) await once(out, 'drain');
      }
    });
}
