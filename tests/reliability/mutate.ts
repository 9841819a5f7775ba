import type { Random } from './random';

/**
 * Damage of the kinds disks, crashes and careless hands cause: flipped bits,
 * overwritten, inserted and deleted bytes, runs of NUL bytes, truncation.
 * One to four of them per case, chosen by the seeded random source.
 */
export const mutations = ['flip', 'overwrite', 'insert', 'delete', 'nul-run', 'truncate', 'duplicate'] as const;
export type Mutation = (typeof mutations)[number];

export function mutate(random: Random, input: Uint8Array): { bytes: Uint8Array; applied: Mutation[] } {
  let bytes: Uint8Array = input.slice();
  const applied: Mutation[] = [];
  const count = random.weighted({ one: 6, two: 3, four: 1 }) === 'one' ? 1 : random.chance(0.75) ? 2 : 4;
  for (let i = 0; i < count; i += 1) {
    const kind = random.pick(mutations);
    applied.push(kind);
    const at = random.int(0, Math.max(0, bytes.length - 1));
    switch (kind) {
      case 'flip': {
        if (bytes.length === 0) break;
        bytes[at] = (bytes[at] ?? 0) ^ (1 << random.int(0, 7));
        break;
      }
      case 'overwrite': {
        const junk = random.bytes(random.int(1, 8));
        bytes.set(junk.subarray(0, Math.max(0, bytes.length - at)), at);
        break;
      }
      case 'insert':
        bytes = concat(bytes.subarray(0, at), random.bytes(random.int(1, 8)), bytes.subarray(at));
        break;
      case 'delete':
        bytes = concat(bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + random.int(1, 16))));
        break;
      case 'nul-run':
        bytes = concat(bytes.subarray(0, at), new Uint8Array(random.int(1, 512)), bytes.subarray(at));
        break;
      case 'truncate':
        bytes = bytes.slice(0, random.int(0, bytes.length));
        break;
      case 'duplicate': {
        const end = Math.min(bytes.length, at + random.int(1, 64));
        bytes = concat(bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end));
        break;
      }
    }
  }
  return { bytes, applied };
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
