import { expect } from 'vitest';
import type { SearchHit, SearchResponse } from '../../electron/core/search/schemas';
import type { ContainerDeps } from '../../electron/services/container';
import { boot, freshDir, type Booted } from './support';

/** What the search tests share: a query once every change is indexed, and the keys and titles it found. */

export async function find(b: Booted, query: string): Promise<SearchResponse> {
  await b.services.search.idle();
  return b.ok<SearchResponse>('bb:search.query', { query });
}

export function hits(response: SearchResponse): SearchHit[] {
  return response.groups.flatMap((g) => g.hits);
}

export function keys(response: SearchResponse): string[] {
  return hits(response)
    .map((h) => h.key)
    .sort();
}

export function titleOf(hit: SearchHit | undefined): string {
  return (hit?.title ?? []).map((s) => s.text).join('');
}

/** Each query finds exactly these keys (in any order). */
export async function expectFound(b: Booted, cases: readonly (readonly [string, readonly string[]])[]): Promise<void> {
  for (const [query, expected] of cases) expect(keys(await find(b, query)), query).toEqual([...expected].sort());
}

/** The sample book in a fresh folder, with its index ready. */
export async function startedSample(prefix: string, overrides: Partial<ContainerDeps> = {}): Promise<Booted> {
  const b = await boot(await freshDir(prefix), overrides);
  await b.services.search.whenReady();
  return b;
}
