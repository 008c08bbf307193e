import type { CheerioAPI } from 'cheerio';
import { optionalNumber, optionalString, readItems, toIsoDate } from './common.js';
import { ParseError, type ListingInput, type PageResult, type StatedPay } from './types.js';

type Node = Record<string, unknown>;

const asNode = (value: unknown): Node | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Node)
    : undefined;
const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

function isType(node: Node, type: string): boolean {
  return asList(node['@type']).some(
    (t) => typeof t === 'string' && t.replace(/^.*[/:]/, '') === type,
  );
}

/** Every JobPosting in a value, wherever it is nested: arrays, @graph, ItemList entries. */
function collect(value: unknown, into: Node[], depth = 0): void {
  if (depth > 8) return;
  for (const item of asList(value)) {
    const node = asNode(item);
    if (!node) continue;
    if (isType(node, 'JobPosting')) into.push(node);
    for (const key of ['@graph', 'itemListElement', 'item', 'mainEntity']) {
      if (node[key] !== undefined) collect(node[key], into, depth + 1);
    }
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number') return optionalString(value);
  const node = asNode(value);
  return node
    ? (optionalString(node.name) ?? optionalString(node['@value']) ?? optionalString(node.value))
    : null;
}

function place(value: unknown): string | null {
  const node = asNode(value);
  if (!node) return text(value);
  const address = node.address ?? node;
  const addressNode = asNode(address);
  if (!addressNode) return text(address);
  const parts = [
    addressNode.addressLocality,
    addressNode.addressRegion,
    addressNode.addressCountry,
  ].map(text);
  return parts.filter((p): p is string => p !== null).join(', ') || text(node);
}

function salary(value: unknown): StatedPay | null {
  if (value === undefined || value === null) return null;
  const amount = asNode(value);
  if (!amount) {
    const n = optionalNumber(value);
    return n === null ? { text: optionalString(value) } : { min: n, max: n };
  }
  const quantity = asNode(amount.value);
  const single = optionalNumber(quantity ? quantity.value : amount.value);
  return {
    min: optionalNumber(quantity?.minValue) ?? optionalNumber(amount.minValue) ?? single,
    max: optionalNumber(quantity?.maxValue) ?? optionalNumber(amount.maxValue) ?? single,
    currency: optionalString(amount.currency) ?? optionalString(quantity?.currency),
    period: optionalString(quantity?.unitText) ?? optionalString(amount.unitText),
    text: null,
  };
}

function parseScript(raw: string): unknown {
  const cleaned = raw
    .replace(/^\s*<!--|-->\s*$/g, '')
    .replace(/^\s*\/\/<!\[CDATA\[|\/\/\]\]>\s*$/g, '')
    .trim();
  try {
    return JSON.parse(cleaned) as unknown;
  } catch {
    // Raw control characters inside strings are a common publishing slip.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' ')) as unknown;
  }
}

/**
 * The schema.org JobPostings of a page. Scripts that are not valid JSON are skipped; a
 * page whose every JSON-LD script is broken is a ParseError.
 */
export function jobPostingsFrom($: CheerioAPI, pageUrl: string): PageResult {
  const nodes: Node[] = [];
  const scripts = $('script[type="application/ld+json"]').toArray();
  let broken = 0;
  for (const script of scripts) {
    try {
      collect(parseScript($(script).text()), nodes);
    } catch {
      broken++;
    }
  }
  if (scripts.length > 0 && broken === scripts.length) {
    throw new ParseError(`no JSON-LD script on the page is valid JSON (${broken} broken)`);
  }
  return readItems(nodes, (node) => toListing(node as Node, pageUrl));
}

/** A URL the posting gives, resolved against its page; the page's own where it is not a URL. */
function resolve(value: string | null, pageUrl: string): string {
  try {
    return value === null ? pageUrl : new URL(value, pageUrl).toString();
  } catch {
    return pageUrl;
  }
}

function toListing(node: Node, pageUrl: string): ListingInput {
  const url = resolve(optionalString(node.url), pageUrl);
  // A PropertyValue identifier names its issuer in `name` and carries the id in `value`.
  const idNode = asNode(asList(node.identifier)[0]);
  const identifier = idNode
    ? (optionalString(idNode.value) ??
      optionalString(idNode['@value']) ??
      optionalString(idNode.name))
    : text(node.identifier);
  const locations = asList(node.jobLocation)
    .map(place)
    .filter((p): p is string => p !== null);
  const applicant = asList(node.applicantLocationRequirements)
    .map(place)
    .filter((p): p is string => p !== null);
  const remote = asList(node.jobLocationType).some(
    (t) => typeof t === 'string' && /telecommute/i.test(t),
  );
  const title = text(node.title) ?? text(node.name);
  if (title === null) throw new ParseError(`a JobPosting on ${pageUrl} has no title`);
  return {
    externalId: identifier ?? url,
    url,
    title,
    company: text(node.hiringOrganization),
    location: [...locations, ...(locations.length === 0 ? applicant : [])].join('; ') || null,
    postedAt: toIsoDate(node.datePosted),
    employmentType: asList(node.employmentType).map(text).filter(Boolean).join(', ') || null,
    pay: salary(node.baseSalary) ?? salary(node.estimatedSalary),
    description: optionalString(node.description),
    tags: [...asList(node.skills), ...asList(node.occupationalCategory)]
      .map(text)
      .filter((t): t is string => t !== null),
    remote: remote ? true : null,
    source: node,
  };
}
