/**
 * A small seeded random source (sfc32), so that every fuzz case, crash run and
 * power-loss scenario can be replayed from its seed.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(readonly seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i += 1) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return (entries.at(-1) as [K, number])[0];
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 1) out[i] = this.int(0, 255);
    return out;
  }
}

const words = [
  'tariff',
  'deadline',
  'enforcement',
  'verification',
  'soybeans',
  'purchases',
  'subsidies',
  'licensing',
  'joint venture',
  'intellectual property',
  'round',
  'Beijing',
  'vice-ministerial',
  'structural',
  'commitment',
  'timeline',
  '结构性问题',
  '知识产权',
  '关税',
  '大豆',
  '谈判',
  '—',
  '**firm**',
  '_note_',
  '`code`',
  '🇺🇸',
  '🇨🇳',
  'naïve',
  'Ω',
];

/** Markdown-ish text of about `size` characters: words in many scripts, paragraphs, lists. */
export function randomText(random: Random, size: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const roll = random.next();
    const piece = roll < 0.06 ? '\n\n' : roll < 0.1 ? '\n- ' : roll < 0.12 ? '\n## ' : `${random.pick(words)} `;
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('').slice(0, size);
}
