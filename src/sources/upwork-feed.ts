import { decodeHTML } from 'entities';
import { optionalNumber } from './common.js';
import { readFeed } from './feed-items.js';
import type { PageInput, PageResult } from './types.js';

/**
 * Upwork's job RSS feeds (`ab/feed/jobs/rss?q=…`, `ab/feed/topics/rss?topic=…`, withdrawn
 * in August 2024; saved feeds are still read with `skillpulse import upwork feed.xml`).
 * Each item's description is the job's text followed by lines of fields:
 * `<b>Budget</b>: $320`, `<b>Hourly Range</b>: $3.00-$5.00`, `<b>Posted On</b>: …`,
 * `<b>Category</b>: …`, `<b>Skills</b>:A,     B`, `<b>Country</b>: India`,
 * `<b>Location Requirement</b>: …`, then a "click to apply" link.
 */
export function readUpworkFeed(page: PageInput): PageResult {
  return readFeed(page, (item) => {
    const html = item.description ?? '';
    const fields = feedFields(html);
    const hourly = moneyRange(fields['hourly range']);
    const budget = moneyRange(fields.budget);
    const pay = hourly ?? budget;
    const ciphertext = /_(?:%7E|~)(01[0-9a-f]+)/i.exec(item.link)?.[1];
    return {
      externalId: ciphertext ? `~${ciphertext}` : item.id,
      url: item.link.replace(/\?source=rss$/, ''),
      title: item.title.replace(/\s+-\s+Upwork\s*$/, ''),
      company: null,
      location: fields.country ?? null,
      postedAt: item.publishedAt,
      // A marketplace job is freelance work whether or not its feed item states a budget.
      employmentType: hourly ? 'hourly' : budget ? 'fixed' : 'freelance',
      pay: pay
        ? {
            min: pay.min,
            max: pay.max,
            currency: pay.currency,
            period: hourly ? 'hour' : 'fixed',
            text: hourly ? `Hourly Range: ${fields['hourly range']}` : `Budget: ${fields.budget}`,
          }
        : null,
      description: jobText(html),
      tags: (fields.skills ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      remote: true,
      workplace: 'remote',
      source: { ...item.fields, fields },
    };
  });
}

// The first field line ends the job's own text.
const FIELD_LINE = /<b>\s*([A-Za-z ]{2,40}?)\s*<\/b>\s*:\s*([\s\S]*?)\s*(?=<br\s*\/?>|$)/gi;
const FIRST_FIELD =
  /<b>\s*(?:Budget|Hourly Range|Posted On|Category|Skills|Country|Location Requirement)\s*<\/b>\s*:/i;

/** The item's field lines by lowercase name: budget, hourly range, posted on, skills, country... */
function feedFields(html: string): Record<string, string> {
  const start = html.search(FIRST_FIELD);
  if (start < 0) return {};
  const fields: Record<string, string> = {};
  for (const match of html.slice(start).matchAll(FIELD_LINE)) {
    const name = (match[1] as string).toLowerCase();
    const value = decodeHTML((match[2] as string).replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (value !== '') fields[name] ??= value;
  }
  return fields;
}

function jobText(html: string): string {
  const start = html.search(FIRST_FIELD);
  return (start < 0 ? html : html.slice(0, start)).replace(/(?:\s*<br\s*\/?>)+\s*$/i, '').trim();
}

/** "$320", "$3.00-$5.00", "$1,500": the figures and their currency. */
function moneyRange(
  text: string | undefined,
): { min: number | null; max: number | null; currency: string } | null {
  if (!text) return null;
  const figures = [...text.matchAll(/(\d[\d,]*(?:\.\d+)?)/g)]
    .map((m) => optionalNumber(m[1]))
    .filter((n): n is number => n !== null);
  if (figures.length === 0) return null;
  const currency = text.includes('£') ? 'GBP' : text.includes('€') ? 'EUR' : 'USD';
  return { min: Math.min(...figures), max: Math.max(...figures), currency };
}
