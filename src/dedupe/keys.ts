import { createHash } from 'node:crypto';
import type { WorkMode } from '../db/schema.js';

/** Words in titles that say where or how, not what the job is. */
const TITLE_NOISE =
  /\b(remote|hybrid|on[- ]?site|contract|contractor|freelance|permanent|full[- ]?time|part[- ]?time|temp|temporary|urgent|immediate start|outside ir35|inside ir35|ir35|m\/f\/d|f\/m\/d|m\/w\/d|w\/m\/d|f\/m\/x|all genders)\b/g;
const COMPANY_SUFFIX =
  /\b(ltd|limited|inc|incorporated|llc|llp|plc|gmbh|ag|sa|sas|bv|nv|corp|corporation|co|company|group|holdings|pty)\b\.?/g;

export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(TITLE_NOISE, ' ')
    .replace(/\bsr\b\.?/g, 'senior')
    .replace(/\bjr\b\.?/g, 'junior')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

export function normalizeCompany(company: string | null): string {
  if (!company) return '';
  return company
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(COMPANY_SUFFIX, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The key under which the same job on several boards, or reposted, meets itself:
 * normalized title, company and place (city, else "remote", else country).
 */
export function dedupeKey(input: {
  readonly title: string;
  readonly company: string | null;
  readonly city: string | null;
  readonly country: string | null;
  readonly workMode: WorkMode;
}): string {
  const place =
    input.city?.toLowerCase() ??
    (input.workMode === 'remote' ? 'remote' : (input.country?.toLowerCase() ?? ''));
  const key = `${normalizeTitle(input.title)}|${normalizeCompany(input.company)}|${place}`;
  return createHash('sha1').update(key).digest('hex').slice(0, 20);
}
