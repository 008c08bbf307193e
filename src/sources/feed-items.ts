import type { CheerioAPI } from 'cheerio';
import { readItems, toIsoDate, type ItemOutcome } from './common.js';
import { ParseError, type PageInput, type PageResult } from './types.js';

/** One entry of an RSS 2.0 or Atom feed. */
export interface FeedItem {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly publishedAt: string | null;
  readonly description: string | null;
  readonly author: string | null;
  readonly categories: string[];
  /** Every child element's text by tag name, for feed-specific fields (region, type). */
  readonly fields: Record<string, string>;
}

/** How a feed's item titles name the company, if they do. */
export type TitleFormat = 'title' | 'title, company' | 'company: title';

/**
 * An item title read into the job's title and the company it names: "Role, Company"
 * (python.org, split at the last ", ") or "Company: Role" (We Work Remotely).
 */
export function splitTitle(
  text: string,
  format: TitleFormat,
): { title: string; company: string | null } {
  const at =
    format === 'title, company'
      ? text.lastIndexOf(', ')
      : format === 'company: title'
        ? text.indexOf(': ')
        : -1;
  if (at <= 0) return { title: text, company: null };
  const [first, second] = [text.slice(0, at), text.slice(at + 2)];
  return format === 'title, company'
    ? { title: first, company: second }
    : { title: second, company: first };
}

/**
 * Reads every RSS <item> or Atom <entry> of a feed into a listing with `read`; an entry
 * without an id, guid or link is skipped as malformed. A document that is neither RSS
 * nor Atom is a ParseError.
 */
export function readFeed(page: PageInput, read: (item: FeedItem) => ItemOutcome): PageResult {
  const $ = page.$();
  const isAtom = $('feed').length > 0;
  const isRss = $('rss, rdf\\:RDF, channel').length > 0;
  if (!isAtom && !isRss) throw new ParseError('not an RSS or Atom feed');
  return readItems($(isAtom ? 'feed > entry' : 'item').toArray(), (element) =>
    read(feedItem($, element as Parameters<CheerioAPI>[0], isAtom)),
  );
}

function feedItem($: CheerioAPI, element: Parameters<CheerioAPI>[0], isAtom: boolean): FeedItem {
  const item = $(element);
  const fields: Record<string, string> = {};
  item.children().each((__, child) => {
    const name = (child as { tagName?: string }).tagName;
    if (name && fields[name] === undefined) fields[name] = $(child).text().trim();
  });
  const link = isAtom
    ? (item.find('link[rel="alternate"]').attr('href') ??
      item.find('link').first().attr('href') ??
      '')
    : (fields.link ?? '');
  const id = (isAtom ? fields.id : (fields.guid ?? fields.link)) || link;
  if (!id) throw new ParseError('a feed item has neither an id, a guid nor a link');
  return {
    id,
    title: fields.title ?? '',
    link: link || id,
    publishedAt: toIsoDate(
      fields.pubDate ?? fields.published ?? fields.updated ?? fields['dc:date'],
    ),
    description:
      (isAtom
        ? (fields.content ?? fields.summary)
        : (fields['content:encoded'] ?? fields.description)) || null,
    author:
      (isAtom
        ? item.find('author > name').first().text().trim()
        : (fields['dc:creator'] ?? fields.author)) || null,
    categories: item
      .find('category')
      .map((__, c) => $(c).attr('term') ?? $(c).text().trim())
      .get()
      .filter((c): c is string => typeof c === 'string' && c !== ''),
    fields,
  };
}
