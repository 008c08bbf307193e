import { gunzipSync } from 'node:zlib';

/**
 * A raw listing's payload as crawled: the jsonb column, or, once payload retention has
 * compressed it (src/trends/retention.ts), the gzip'd JSON text.
 */
export function storedPayload(row: {
  readonly payload: Record<string, unknown>;
  readonly payload_gzip: Uint8Array | null;
}): unknown {
  if (row.payload_gzip === null) return row.payload;
  return JSON.parse(gunzipSync(row.payload_gzip).toString('utf8')) as unknown;
}
