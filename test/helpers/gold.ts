import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readSavedResponse } from '../../src/crawl/import-file.js';
import { cleanDescription } from '../../src/normalize/text.js';
import { importSource } from '../../src/sources/registry.js';
import type { ListingInput, PageResult } from '../../src/sources/types.js';
import { corpus, recordingUrl } from './recordings.js';

/*
 * The gold set (test/gold/): real postings, each labelled field by field by a person
 * reading it. Postings are named by the response that holds them and their id there;
 * the responses are the corpus's recordings and the larger cuts of their originals in
 * test/gold/responses/.
 */
export const GOLD = new URL('../gold/', import.meta.url);

/** A saved response the gold set draws postings from. */
export interface GoldInput {
  /** The configured source that reads it (a preset such as python-jobs, or the folder's name). */
  readonly source: string;
  /** Relative to test/: recordings/<folder>/<file> or gold/responses/<folder>/<file>. */
  readonly file: string;
  readonly url: string;
  readonly label?: string | undefined;
}

export function goldInputs(): GoldInput[] {
  const recordings = corpus().flatMap((s) =>
    (s.labels?.recordings ?? []).map((r) => ({
      source: r.source ?? s.source,
      file: `recordings/${s.source}/${r.file}`,
      url: recordingUrl(s.source, r),
      label: r.label,
    })),
  );
  const listed = parseYaml(readFileSync(new URL('responses.yaml', GOLD), 'utf8')) as {
    source: string;
    file: string;
    url?: string;
  }[];
  const responses = listed.map((r) => ({
    source: r.source,
    file: `gold/responses/${r.file}`,
    url: r.url ?? new URL(`responses/${r.file}`, GOLD).toString(),
  }));
  return [...recordings, ...responses];
}

export function inputPath(file: string): string {
  return new URL(`../${file}`, GOLD).pathname;
}

/** An input read by its source's adapter as `skillpulse import` reads it. */
export function readGoldResponse(input: GoldInput): PageResult {
  const instance = importSource({ sources: {} }, input.source);
  if (!instance) throw new Error(`no source or generic adapter named ${input.source}`);
  const body = readFileSync(inputPath(input.file), 'utf8');
  return readSavedResponse(instance, body, input.url, input.label).result;
}

/** The listings an input holds, read by its source's adapter as `skillpulse import` reads it. */
export function readGoldInput(input: GoldInput): ListingInput[] {
  return [...(readGoldResponse(input).listings ?? [])];
}

/** A listing of a gold input with its description as the process stage cleans it. */
export interface CleanedListing {
  readonly listing: ListingInput;
  /** cleanDescription's text: plain, its lines kept, what roleOfPosting reads the opening of. */
  readonly description: string;
}

/** The listings an input holds, each with its description cleaned as processing cleans it. */
export function readCleanedListings(input: GoldInput): CleanedListing[] {
  return readGoldInput(input).map((listing) => ({
    listing,
    description: cleanDescription(listing.description).text,
  }));
}

const PERIODS = ['hour', 'day', 'week', 'month', 'year', 'fixed'] as const;

/** One labelled posting: a line of test/gold/postings.jsonl (schema in test/gold/README.md). */
export const goldPostingSchema = z
  .object({
    file: z.string().regex(/^(recordings|gold\/responses)\/[a-z0-9-]+\/\S+$/),
    id: z.string().min(1),
    title: z.string().min(1),
    pay: z
      .object({
        min: z.number().positive().nullable(),
        max: z.number().positive().nullable(),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .nullable(),
        period: z.enum(PERIODS),
      })
      .strict()
      .refine((p) => p.min !== null || p.max !== null, 'pay needs min or max')
      .refine((p) => p.min === null || p.max === null || p.min <= p.max, 'pay min above max')
      .nullable(),
    /** Figures in the text that a reader could take for pay but are not the pay offered. */
    notPay: z.array(z.string().min(1)).default([]),
    contract: z.enum(['contract', 'freelance', 'temporary', 'permanent', 'unknown']),
    /** ISO 3166-1 alpha-2 codes the posting places the job or its candidates in; [] when it names none. */
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)),
    workMode: z.enum(['remote', 'hybrid', 'onsite', 'unknown']),
    /** Taxonomy skill ids the posting asks for. */
    skills: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/)),
    /** Skills asked for that the taxonomy lacks, by their usual name. */
    otherSkills: z.array(z.string().min(1)).default([]),
    /** Words that look like a taxonomy skill but are not asked for there, with the skill id they look like. */
    traps: z
      .array(
        z
          .object({ text: z.string().min(1), skill: z.string().min(1), why: z.string().min(1) })
          .strict(),
      ) // prettier-ignore
      .default([]),
    language: z.string().regex(/^[a-z]{2}$/),
    hard: z.array(z.string()).default([]),
    note: z.string().optional(),
  })
  .strict();
export type GoldPosting = z.infer<typeof goldPostingSchema>;

/** A label of a JSONL file of test/gold/, with its line number for failure messages. */
export interface GoldLabel<T> {
  readonly line: number;
  readonly label: T;
}

/**
 * The labels of a JSONL file of test/gold/ ("roles.jsonl"), each line checked against the
 * schema; a line that does not fit stops the load, naming the file, line and field.
 */
export function goldLabels<T>(file: string, schema: z.ZodType<T>): GoldLabel<T>[] {
  return readFileSync(new URL(file, GOLD), 'utf8')
    .split('\n')
    .map((text, index) => ({ text, line: index + 1 }))
    .filter(({ text }) => text.trim() !== '')
    .map(({ text, line }) => {
      const parsed = schema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`test/gold/${file} line ${line}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`); // prettier-ignore
      }
      return { line, label: parsed.data };
    });
}

/** The labelled postings of test/gold/postings.jsonl. */
export function goldPostings(): GoldPosting[] {
  return goldLabels('postings.jsonl', goldPostingSchema).map(({ label }) => label);
}
