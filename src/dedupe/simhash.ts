/**
 * 64-bit SimHash over word 3-shingles: texts that share most of their phrases get
 * hashes a few bits apart, so "the same description, lightly edited" is a Hamming
 * distance, computable from one stored value per posting. Each word is hashed once and
 * a shingle's hash mixes its words' hashes, so no shingle string is ever built.
 */
export function simhash(text: string): string {
  const lower = text.toLowerCase();
  // Word hashes straight from the characters: no word strings are made.
  const hashes = new Int32Array(Math.ceil(lower.length / 2) + 1);
  let count = 0;
  let hash = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i <= lower.length; i += 1) {
    const code = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
      hash = Math.imul(hash ^ code, 0x01000193);
      inWord = true;
    } else if (inWord) {
      hashes[count] = hash;
      count += 1;
      hash = 0x811c9dc5;
      inWord = false;
    }
  }
  if (count === 0) return '0000000000000000';
  const size = Math.min(3, count);
  const ones = new Int32Array(64);
  // Bit counts are kept four bits wide, eight to a 32-bit number (SWAR): one addition
  // counts eight bit positions at once, and the counts are spilled before 15 can overflow.
  const lanes = new Int32Array(8);
  let pending = 0;
  let shingles = 0;
  for (let i = 0; i + size <= count; i += 1) {
    let high = 0x9e3779b9;
    let low = 0x85ebca6b;
    for (let j = 0; j < size; j += 1) {
      const h = hashes[i + j] as number;
      high = mix(high ^ h, 0xcc9e2d51);
      low = mix(low ^ Math.imul(h, 0x1b873593), 0xe6546b64);
    }
    for (let lane = 0; lane < 4; lane += 1) {
      lanes[lane] = (lanes[lane] as number) + ((high >>> lane) & 0x11111111);
      lanes[lane + 4] = (lanes[lane + 4] as number) + ((low >>> lane) & 0x11111111);
    }
    shingles += 1;
    pending += 1;
    if (pending === 15) {
      spill(lanes, ones);
      pending = 0;
    }
  }
  spill(lanes, ones);
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit += 1) {
    if ((ones[bit] as number) * 2 > shingles) high |= 1 << bit;
    if ((ones[bit + 32] as number) * 2 > shingles) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

/** Adds the four-bit counts into the 64 counters and clears them. */
function spill(lanes: Int32Array, ones: Int32Array): void {
  for (let lane = 0; lane < 8; lane += 1) {
    const packed = lanes[lane] as number;
    const base = lane < 4 ? lane : 32 + lane - 4;
    for (let field = 0; field < 8; field += 1) {
      const bit = base + field * 4;
      ones[bit] = (ones[bit] as number) + ((packed >>> (field * 4)) & 0xf);
    }
    lanes[lane] = 0;
  }
}

/** murmur3's finalizer after a multiply: every input bit reaches every output bit. */
function mix(value: number, multiplier: number): number {
  let h = Math.imul(value, multiplier);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
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
