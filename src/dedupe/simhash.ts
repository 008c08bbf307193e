/**
 * 64-bit SimHash over word 3-shingles: texts that share most of their phrases get
 * hashes a few bits apart, so "the same description, lightly edited" is a Hamming
 * distance, computable from one stored value per posting.
 */
export function simhash(text: string): string {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  if (words.length === 0) return '0000000000000000';
  const weights = new Int32Array(64);
  const size = Math.min(3, words.length);
  for (let i = 0; i + size <= words.length; i += 1) {
    let shingle = words[i] as string;
    for (let j = 1; j < size; j += 1) shingle += ` ${words[i + j] as string}`;
    const high = fnv1a(shingle, 0x811c9dc5);
    const low = fnv1a(shingle, 0x01000193 ^ 0x5bd1e995);
    for (let bit = 0; bit < 32; bit += 1) {
      weights[bit] = (weights[bit] as number) + ((high >>> bit) & 1 ? 1 : -1);
      weights[bit + 32] = (weights[bit + 32] as number) + ((low >>> bit) & 1 ? 1 : -1);
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit += 1) {
    if ((weights[bit] as number) > 0) high |= 1 << bit;
    if ((weights[bit + 32] as number) > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche so that similar shingles spread over all bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** Bits that differ between two SimHashes (0..64). */
export function hammingDistance(a: string, b: string): number {
  const high = (parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0;
  const low = (parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16)) >>> 0;
  return popcount(high) + popcount(low);
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
