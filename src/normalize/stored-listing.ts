import { z } from 'zod';
import type { ContractType, WorkMode } from '../db/schema.js';

const text = z.string().nullish();
const amount = z.number().nullish();
const CONTRACT_TYPES = [
  'contract',
  'freelance',
  'temporary',
  'permanent',
  'unknown',
] as const satisfies readonly ContractType[];
const WORKPLACES = ['remote', 'hybrid', 'onsite'] as const satisfies readonly WorkMode[];

/** A salary or rate as the source stated it, bounded by capture. */
export const storedPaySchema = z.object({
  min: amount,
  max: amount,
  currency: text,
  period: text,
  text,
});

/**
 * One listing as stored in raw_listings.payload: what capture (src/crawl/capture.ts) writes
 * and normalize (./posting.ts) reads. Fields may be missing (listings stored before a field
 * existed, payloads written by hand) but never of another type. Strings are checked for
 * their type only: a 200,000-character description is not read here.
 */
export const storedListingSchema = z.object({
  /** Also the row's external_id and url columns, which processing reads instead. */
  externalId: z.string().optional(),
  url: z.string().optional(),
  title: text,
  company: text,
  location: text,
  /** ISO 3166-1 alpha-2 the source implies; stored only when stated. */
  country: text,
  /** ISO 8601, as the source gave it. */
  postedAt: text,
  employmentType: text,
  contractDefault: z.enum(CONTRACT_TYPES).nullish(),
  pay: storedPaySchema.nullish(),
  description: text,
  tags: z.array(z.string()).optional(),
  remote: z.boolean().nullish(),
  /** Stored only when the source has the field. */
  workplace: z.enum(WORKPLACES).nullish(),
  /** The source's own item (or a note of its size), kept for reprocessing. */
  source: z.unknown().optional(),
});

export type StoredPay = z.infer<typeof storedPaySchema>;
export type StoredListing = z.infer<typeof storedListingSchema>;

/** Why a payload is not a stored listing: the first field at fault and what is wrong. */
export function storedListingProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.join('.') || 'payload';
  return `payload is not a stored listing: ${path}: ${issue?.message ?? 'invalid'}`;
}
