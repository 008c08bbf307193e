import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes one JSON object a line when not on a terminal, with context fields', () => {
    const out = capture(false);
    const logger = createLogger({ logLevel: 'info', logFormat: 'auto' }, { stream: out.stream });
    logger.child({ source: 'greenhouse', url: 'https://example.test/jobs' }).warn('http 503');
    logger.debug('not at info level');
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({
      level: 40,
      msg: 'http 503',
      source: 'greenhouse',
      url: 'https://example.test/jobs',
      app: 'skillpulse',
    });
    expect(typeof record.time).toBe('string');
  });

  it('writes readable lines on a terminal', () => {
    const out = capture(true);
    const logger = createLogger({ logLevel: 'info', logFormat: 'auto' }, { stream: out.stream });
    logger.info({ source: 'lever' }, 'crawl finished');
    const text = out.text();
    expect(text).toContain('crawl finished');
    expect(text).toContain('lever');
    expect(() => JSON.parse(text.trim()) as unknown).toThrow();
  });

  it('honours an explicit format and level', () => {
    const out = capture(true);
    const logger = createLogger({ logLevel: 'error', logFormat: 'json' }, { stream: out.stream });
    logger.warn('dropped');
    logger.error('kept');
    expect(JSON.parse(out.text().trim())).toMatchObject({ msg: 'kept', level: 50 });
  });
});
