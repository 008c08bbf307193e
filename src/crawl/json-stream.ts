import { ITEM_LIMITS, skipBeyond, type ItemLimits } from '../sources/common.js';
import type { SkippedItem } from '../sources/types.js';
import { STOP, ValueBuilder, walkTokens, withKey } from './json-tokens.js';

/*
 * A JSON response too large to parse whole is read as a stream in two passes. The first
 * builds its frame: everything but the elements of its longest list (the jobs), and
 * finds that list. The second hands the list's elements over in chunks, each put back in
 * the frame as a response of its own. Memory holds the frame and one chunk, whatever the
 * file's size; an element nested too deep or too large is never built, only counted.
 */

export interface JsonStreamOptions {
  /** Elements a chunk holds at most. @defaultValue 5,000 */
  readonly itemsPerChunk?: number;
  /** Characters of JSON a chunk holds at most (a chunk of long items ends sooner). @defaultValue 16,000,000 */
  readonly charsPerChunk?: number;
  /** The bounds on one element of the list. @defaultValue ITEM_LIMITS */
  readonly item?: ItemLimits;
  /** Characters of JSON the frame may hold: everything but the list's elements. @defaultValue 8,000,000 */
  readonly frameChars?: number;
}

/** The longest list of a response: where it is in the frame, and its length. */
export interface JsonList {
  /** Object keys from the top of the response to the list; empty when the response is the list. */
  readonly path: readonly string[];
  readonly length: number;
}

export interface JsonChunk {
  /** The response with this chunk of the list's elements in place of the whole list. */
  readonly document: unknown;
  /** The position in the whole list of each element of the chunk's. */
  readonly positions: readonly number[];
  /** Elements of this part of the list too deep or too large to build, by position in the list. */
  readonly skipped: readonly SkippedItem[];
}

/** A response whose frame (everything but its list of items) is beyond what is read. */
export class JsonFrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonFrameError';
  }
}

const DEFAULTS = {
  itemsPerChunk: 5_000,
  charsPerChunk: 16_000_000,
  item: ITEM_LIMITS,
  frameChars: 8_000_000,
};

/** A list other than the longest is kept in the frame only while it is this short. */
const SHORT_LIST = { elements: 1_000, chars: 1_000_000 };

/**
 * Reads a JSON file as a stream: the frame and the longest list, then that list in
 * chunks, each handed to `onChunk` (awaited before the next is read). A file without any
 * list is one chunk: its whole document.
 */
export async function readJsonInChunks(
  file: string,
  onChunk: (chunk: JsonChunk) => Promise<void>,
  options: JsonStreamOptions = {},
): Promise<void> {
  const settings = { ...DEFAULTS, ...options };
  const survey = await surveyFrame(file, settings);
  if (survey.list === undefined) {
    await onChunk({ document: survey.frame, positions: [], skipped: survey.skipped });
    return;
  }
  const list = survey.list;
  let elements: unknown[] = [];
  let positions: number[] = [];
  let skipped: SkippedItem[] = [...survey.skipped];
  let chars = 0;
  let chunks = 0;
  const flush = (): Promise<void> => {
    const chunk = { document: replaceAt(survey.frame, list.path, elements), positions, skipped };
    [elements, positions, skipped, chars] = [[], [], [], 0];
    chunks++;
    return onChunk(chunk);
  };
  await listElements(file, list.path, settings.item, (element) => {
    if (element.beyond !== undefined) {
      skipped.push({ item: `#${element.index}`, ...element.beyond, malformed: true });
    } else {
      elements.push(element.value);
      positions.push(element.index);
      chars += element.chars;
    }
    const full = elements.length >= settings.itemsPerChunk || chars >= settings.charsPerChunk;
    return full ? flush() : undefined;
  });
  // The last elements, or an empty list: the handler still reads the response once.
  if (elements.length > 0 || skipped.length > 0 || chunks === 0) await flush();
}

/** The frame with the list at `path` replaced by `elements`, copied along the path only. */
function replaceAt(frame: unknown, path: readonly string[], elements: unknown[]): unknown {
  if (path.length === 0) return elements;
  const [key, ...rest] = path as [string, ...string[]];
  const record = frame as Record<string, unknown>;
  return withKey({ ...record }, key, replaceAt(record[key], rest, elements));
}

/** A list on a path of object keys: the list of items, or a short one of the frame. */
interface OuterList {
  kind: 'list';
  value: unknown[];
  path: string[];
  length: number;
  chars: number;
  long: boolean;
}

/** A container of the frame: an object on the way to a list, or an outer list. */
type FrameLevel =
  | { kind: 'object'; value: Record<string, unknown>; path: string[]; key: string | undefined }
  | OuterList;

interface FrameSurvey {
  readonly frame: unknown;
  readonly list: JsonList | undefined;
  readonly skipped: SkippedItem[];
}

/**
 * The first pass: the frame, with every list found on a path of object keys (an outer
 * list) kept while short; the longest outer list is the list of items, emptied.
 */
async function surveyFrame(file: string, settings: typeof DEFAULTS): Promise<FrameSurvey> {
  const levels: FrameLevel[] = [];
  const lists: OuterList[] = [];
  const skipped: SkippedItem[] = [];
  const frameLimits = { depth: settings.item.depth, jsonChars: settings.frameChars };
  let frameChars = 0;
  let root: unknown;
  let builder: ValueBuilder | undefined;
  let key = '';

  const place = (value: unknown, chars: number) => {
    frameChars += chars;
    if (frameChars > settings.frameChars) {
      throw new JsonFrameError(
        `${file} holds more than ${settings.frameChars} characters of JSON besides its longest list`,
      );
    }
    const top = levels.at(-1);
    if (top === undefined) root = value;
    else if (top.kind === 'object') withKey(top.value, top.key ?? '', value);
  };

  await walkTokens(file, (token) => {
    const top = levels.at(-1);
    if (top?.kind === 'list') {
      if (builder === undefined && token.name === 'endArray') {
        levels.pop();
        place(top.value, 2);
        return;
      }
      builder ??= new ValueBuilder(settings.item);
      builder.feed(token);
      if (!builder.done) return;
      const index = top.length++;
      if (builder.beyond !== undefined) {
        const item = `${top.path.join('.')}#${index}`;
        skipped.push({ item, ...skipBeyond(builder.beyond, settings.item), malformed: true });
      } else if (!top.long) {
        top.value.push(builder.value);
        top.chars += builder.chars;
        if (top.length > SHORT_LIST.elements || top.chars > SHORT_LIST.chars) {
          top.long = true;
          top.value.length = 0;
        }
      }
      builder = undefined;
      return;
    }
    if (builder !== undefined) {
      builder.feed(token);
      if (builder.done) {
        if (builder.beyond !== undefined) {
          const where = top === undefined ? '(top)' : [...top.path, top.key ?? ''].join('.');
          throw new JsonFrameError(
            `${file}: the value at ${where} is ${skipBeyond(builder.beyond, frameLimits).detail}`,
          );
        }
        place(builder.value, builder.chars);
        builder = undefined;
      }
      return;
    }
    const path = top === undefined ? [] : [...top.path, top.key ?? ''];
    switch (token.name) {
      case 'startKey':
        key = '';
        break;
      case 'stringChunk':
        key += token.value as string;
        break;
      case 'endKey':
        if (top?.kind === 'object') top.key = key;
        break;
      case 'startObject':
        if (levels.length >= frameLimits.depth) {
          throw new JsonFrameError(`${file} is nested deeper than ${frameLimits.depth} levels`);
        }
        levels.push({ kind: 'object', value: {}, path, key: undefined });
        break;
      case 'endObject': {
        const done = levels.pop() as FrameLevel;
        place(done.value, 2);
        break;
      }
      case 'startArray': {
        const list: OuterList = { kind: 'list', value: [], path, length: 0, chars: 0, long: false };
        levels.push(list);
        lists.push(list);
        break;
      }
      default:
        builder = new ValueBuilder(frameLimits);
        builder.feed(token);
        if (builder.done) {
          place(builder.value, builder.chars);
          builder = undefined;
        }
    }
  });

  let longest: OuterList | undefined;
  for (const list of lists)
    if (longest === undefined || list.length > longest.length) longest = list;
  const alsoLong = lists.filter((l) => l.long && l !== longest);
  if (longest !== undefined && alsoLong.length > 0) {
    const names = [longest, ...alsoLong].map((l) => l.path.join('.') || '(top)').join(', ');
    throw new JsonFrameError(
      `${file} holds more than one long list (${names}): which holds the items is unclear`,
    );
  }
  if (longest === undefined) return { frame: root, list: undefined, skipped };
  // Its elements come in the second pass, with their own skipped ones.
  longest.value.length = 0;
  return {
    frame: root,
    list: { path: longest.path, length: longest.length },
    skipped: skipped.filter((s) => !s.item.startsWith(`${longest.path.join('.')}#`)),
  };
}

interface ListElement {
  readonly index: number;
  readonly value: unknown;
  readonly chars: number;
  readonly beyond: Pick<SkippedItem, 'reason' | 'detail'> | undefined;
}

/**
 * The second pass: each element of the list at `path`, in order, to `onElement`; the
 * file is read no further than the list's end.
 */
async function listElements(
  file: string,
  path: readonly string[],
  limits: ItemLimits,
  onElement: (element: ListElement) => Promise<void> | undefined,
): Promise<void> {
  // The object keys open on the way down, and whether the list has been entered.
  const open: (string | undefined)[] = [];
  let inList = false;
  let skipDepth = 0;
  let builder: ValueBuilder | undefined;
  let index = 0;
  let key = '';
  const atList = () => open.length === path.length && open.every((k, i) => k === path[i]);

  await walkTokens(file, (token) => {
    if (inList) {
      if (builder === undefined && token.name === 'endArray') return STOP;
      builder ??= new ValueBuilder(limits);
      builder.feed(token);
      if (builder.done) {
        const beyond =
          builder.beyond !== undefined ? skipBeyond(builder.beyond, limits) : undefined;
        const element = { index: index++, value: builder.value, chars: builder.chars, beyond };
        builder = undefined;
        return onElement(element);
      }
      return undefined;
    }
    if (skipDepth > 0) {
      if (token.name === 'startObject' || token.name === 'startArray') skipDepth++;
      if (token.name === 'endObject' || token.name === 'endArray') skipDepth--;
      return undefined;
    }
    switch (token.name) {
      case 'startKey':
        key = '';
        break;
      case 'stringChunk':
        key += token.value as string;
        break;
      case 'endKey':
        open[open.length - 1] = key;
        break;
      case 'startObject':
        // Only objects lead to the list: the root, or one under a key on the list's path.
        if (open.length === 0 || open.every((k, i) => k === path[i])) open.push(undefined);
        else skipDepth = 1;
        break;
      case 'endObject':
        open.pop();
        break;
      case 'startArray':
        if (atList()) inList = true;
        else skipDepth = 1;
        break;
      default:
        break;
    }
    return undefined;
  });
}
