import * as cheerio from 'cheerio';

/**
 * The structure of some JSON values, merged: which types each path takes, which keys
 * objects have and how many of them have each, what arrays hold.
 */
export interface Shape {
  readonly types: Set<string>;
  /** How many objects were seen here, and each key with its shape and how many had it. */
  objects: number;
  readonly keys: Map<string, { shape: Shape; count: number }>;
  items: Shape | undefined;
}

function emptyShape(): Shape {
  return { types: new Set(), objects: 0, keys: new Map(), items: undefined };
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The merged shape of values: many responses of one kind read as one. */
export function shapeOf(values: readonly unknown[], into: Shape = emptyShape()): Shape {
  for (const value of values) {
    const type = typeOf(value);
    into.types.add(type);
    if (type === 'array') {
      into.items ??= emptyShape();
      shapeOf(value as unknown[], into.items);
    } else if (type === 'object') {
      into.objects += 1;
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const entry = into.keys.get(key) ?? { shape: emptyShape(), count: 0 };
        entry.count += 1;
        shapeOf([child], entry.shape);
        into.keys.set(key, entry);
      }
    }
  }
  return into;
}

const PRIMITIVES = new Set(['string', 'number', 'boolean']);

/**
 * Where a fixture's shape drifts from the recorded one, as messages: a key the real
 * responses never have, a key every real response has (seen at least twice) that the
 * fixture leaves out, a type the real responses never use there. A path the recordings only ever saw null at
 * takes any primitive (its real type is unknown); an array they only saw empty, anything.
 */
export function shapeDrift(fixture: Shape, recorded: Shape, path = '$'): string[] {
  const problems: string[] = [];
  const onlyNull = recorded.types.size === 1 && recorded.types.has('null');
  for (const type of fixture.types) {
    if (recorded.types.has(type)) continue;
    if (onlyNull && PRIMITIVES.has(type)) continue;
    problems.push(`${path}: ${type}, recorded ${[...recorded.types].join('|')}`);
  }
  if (fixture.objects > 0 && recorded.objects > 0) {
    for (const [key, entry] of fixture.keys) {
      const real = recorded.keys.get(key);
      if (!real) problems.push(`${path}.${key}: not in the recordings`);
      else problems.push(...shapeDrift(entry.shape, real.shape, `${path}.${key}`));
    }
    for (const [key, real] of recorded.keys) {
      // One example cannot tell a key that is always there from one that happened to be.
      const always = real.count === recorded.objects && recorded.objects >= 2;
      const ours = fixture.keys.get(key);
      if (always && (!ours || ours.count < fixture.objects)) {
        problems.push(`${path}.${key}: in every recording, missing from the fixture`);
      }
    }
  }
  if (fixture.items && recorded.items) {
    problems.push(...shapeDrift(fixture.items, recorded.items, `${path}[]`));
  }
  return problems;
}

/**
 * An RSS or Atom feed as JSON-like values: the channel's own elements, and each item
 * (entry) as its child elements by name, each with its text (attributes as "@name").
 */
export function feedShape(xml: string): { channel: Record<string, unknown>; items: unknown[] } {
  const $ = cheerio.load(xml, { xml: true });
  const record = (element: cheerio.Cheerio<never>) => {
    const out: Record<string, unknown> = {};
    element.children().each((_, child) => {
      const el = $(child);
      const name = (child as { tagName?: string }).tagName ?? '';
      if (name === 'item' || name === 'entry') return;
      const attributes = Object.fromEntries(
        Object.entries((child as { attribs?: Record<string, string> }).attribs ?? {}).map(([k, v]) => [`@${k}`, v]), // prettier-ignore
      );
      out[name] = Object.keys(attributes).length > 0 ? { ...attributes, text: el.text() } : el.text(); // prettier-ignore
    });
    return out;
  };
  const isAtom = $('feed').length > 0;
  const channel = record($(isAtom ? 'feed' : 'channel').first() as cheerio.Cheerio<never>);
  const items = $(isAtom ? 'feed > entry' : 'item')
    .toArray()
    .map((item) => record($(item) as cheerio.Cheerio<never>));
  return { channel, items };
}

/**
 * An element's structure as a JSON-like value: its children by "tag.class.class", each
 * with its own structure, so pages compare as the shapes of their parts.
 */
export function elementShape(html: string, selector: string): unknown[] {
  const $ = cheerio.load(html);
  const walk = (element: cheerio.Cheerio<never>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    element.children().each((_, child) => {
      const el = child as { tagName?: string; attribs?: Record<string, string> };
      const classes = (el.attribs?.class ?? '').split(/\s+/).filter(Boolean).sort();
      out[[el.tagName ?? '', ...classes].join('.')] = walk($(child) as cheerio.Cheerio<never>);
    });
    return out;
  };
  return $(selector)
    .toArray()
    .map((el) => walk($(el) as cheerio.Cheerio<never>));
}
