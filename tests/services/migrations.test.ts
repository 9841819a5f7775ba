import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { BookState } from '../../electron/core/contract/views';
import { documentKinds, type DocumentKind } from '../../electron/core/persistence/documents';
import { decodeFile } from '../../electron/services/store/loader';
import { repoRoot } from '../harness/paths';
import { boot, freshDir } from './support';

/**
 * Every format version a file can be in on a user's disk must keep opening.
 * For each document kind, tests/fixtures/migrations/<format with / as _>/v<N>.json
 * holds a real file of version N, for every version a migration starts from
 * and for the current version. So:
 *   - a new migration without a fixture of the version it upgrades fails here;
 *   - a schema change that forgets to bump schemaVersion fails here, because the
 *     current version's fixture no longer decodes.
 */
const FIXTURES = join(repoRoot, 'tests', 'fixtures', 'migrations');

type AnyKind = DocumentKind<unknown>;
const kinds: readonly AnyKind[] = documentKinds;

function fixturePath(root: string, format: string, version: number): string {
  return join(root, format.replace(/\//g, '_'), `v${version}.json`);
}

/** The versions of a kind that need a fixture: where each migration starts, and the current one. */
function versionsNeedingFixtures(kind: AnyKind): number[] {
  return [...new Set([...kind.migrations.map((m) => m.from), kind.currentVersion])].sort((a, b) => a - b);
}

/** What is missing, in words; empty when every needed fixture is there. */
function missingFixtures(root: string, list: readonly AnyKind[]): string[] {
  return list.flatMap((kind) =>
    versionsNeedingFixtures(kind)
      .filter((v) => !existsSync(fixturePath(root, kind.format, v)))
      .map((v) =>
        v === kind.currentVersion
          ? `${kind.format}: no fixture of the current version ${v} at ${fixturePath(root, kind.format, v)}`
          : `${kind.format}: the migration from version ${v} has no fixture at ${fixturePath(root, kind.format, v)}`,
      ),
  );
}

/** The schemaVersion values a kind's schema accepts, read from its zod shape. */
function acceptedVersions(kind: AnyKind): unknown[] {
  const schema = kind.schema as unknown;
  if (!(schema instanceof z.ZodObject)) throw new Error(`${kind.format}: the schema is not an object schema`);
  const field: unknown = (schema.shape as Record<string, unknown>)['schemaVersion'];
  if (!(field instanceof z.ZodLiteral)) throw new Error(`${kind.format}: schemaVersion is not a literal`);
  return [...(field.values as Set<unknown>)];
}

describe('migration fixtures', () => {
  test('every registered migration, and every current version, has its fixture', () => {
    expect(missingFixtures(FIXTURES, kinds)).toEqual([]);
  });

  test('the check fails for a migration without a fixture', async () => {
    const root = await freshDir('briefing-fixtures-');
    const fake: AnyKind = {
      format: 'test/thing',
      label: 'test thing',
      currentVersion: 3,
      schema: z.unknown(),
      migrations: [
        { from: 1, description: 'one', up: (d) => d },
        { from: 2, description: 'two', up: (d) => d },
      ],
    };
    await mkdir(join(root, 'test_thing'), { recursive: true });
    await writeFile(join(root, 'test_thing', 'v1.json'), '{}');
    await writeFile(join(root, 'test_thing', 'v3.json'), '{}');
    expect(missingFixtures(root, [fake])).toEqual([
      `test/thing: the migration from version 2 has no fixture at ${join(root, 'test_thing', 'v2.json')}`,
    ]);
    await writeFile(join(root, 'test_thing', 'v2.json'), '{}');
    expect(missingFixtures(root, [fake])).toEqual([]);
    expect(versionsNeedingFixtures(fake)).toEqual([1, 2, 3]);
  });

  const fixtures = kinds.flatMap((kind) => versionsNeedingFixtures(kind).map((v) => [kind.format, v, kind] as const));

  test.each(fixtures)('%s v%i decodes to a valid current document', async (format, version, kind) => {
    const bytes = await readFile(fixturePath(FIXTURES, format, version));
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    expect(raw['format']).toBe(format);
    expect(raw['schemaVersion']).toBe(version);
    const decoded = decodeFile(kind, bytes);
    expect(decoded.migratedFrom).toBe(version === kind.currentVersion ? null : version);
    expect((decoded.doc as Record<string, unknown>)['schemaVersion']).toBe(kind.currentVersion);
    expect(kind.schema.safeParse(decoded.doc).success).toBe(true);
  });

  test('the fixtures of the current versions open in the real store with no notices', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'areas'));
    const current = (format: string) => kinds.find((k) => k.format === format)?.currentVersion ?? 0;
    const areaFixture = fixturePath(FIXTURES, 'briefing-book/area', current('briefing-book/area'));
    const areaId = (JSON.parse(await readFile(areaFixture, 'utf8')) as { area: { id: string } }).area.id;
    await copyFile(areaFixture, join(dir, 'areas', `${areaId}.json`));
    await copyFile(fixturePath(FIXTURES, 'briefing-book/book', current('briefing-book/book')), join(dir, 'book.json'));
    await copyFile(
      fixturePath(FIXTURES, 'briefing-book/window-state', current('briefing-book/window-state')),
      join(dir, 'window-state.json'),
    );
    // Sources: the metadata file and its snapshot, under the id the fixture holds.
    const sourceFixture = fixturePath(FIXTURES, 'briefing-book/source', 1);
    const sourceId = (JSON.parse(await readFile(sourceFixture, 'utf8')) as { source: { id: string } }).source.id;
    await mkdir(join(dir, 'sources'));
    await copyFile(sourceFixture, join(dir, 'sources', `${sourceId}.json`));
    await copyFile(fixturePath(FIXTURES, 'briefing-book/snapshot', 1), join(dir, 'sources', `${sourceId}.snapshot.json`));
    const b = await boot(dir);
    const state = await b.ok<BookState>('bb:book.open');
    expect(state.notices).toEqual([]);
    expect(state.createdSample).toBe(false);
    expect(state.areas.map((a) => a.id)).toEqual([areaId]);
    expect(b.services.windowState.restore([{ x: 0, y: 0, width: 1920, height: 1080 }])).not.toBeNull();
    expect((await b.services.sources.list()).map((s) => s.id)).toEqual([sourceId]);
    expect((await b.services.sources.get(sourceId)).text.length).toBeGreaterThan(50);
    await b.services.shutdown();
  });
});

describe('document kinds', () => {
  test('every kind has a distinct format and label', () => {
    expect(new Set(kinds.map((k) => k.format)).size).toBe(kinds.length);
    expect(new Set(kinds.map((k) => k.label)).size).toBe(kinds.length);
  });

  test.each(kinds.map((k) => [k.format, k] as const))(
    '%s: currentVersion is the schemaVersion its schema accepts',
    async (format, kind) => {
      expect(acceptedVersions(kind)).toEqual([kind.currentVersion]);
      // And in practice: the current fixture parses only with that version.
      const raw = JSON.parse(await readFile(fixturePath(FIXTURES, format, kind.currentVersion), 'utf8')) as Record<string, unknown>;
      expect(kind.schema.safeParse(raw).success).toBe(true);
      expect(kind.schema.safeParse({ ...raw, schemaVersion: kind.currentVersion + 1 }).success).toBe(false);
      expect(kind.schema.safeParse({ ...raw, schemaVersion: kind.currentVersion - 1 }).success).toBe(false);
    },
  );

  test.each(kinds.map((k) => [k.format, k] as const))(
    '%s: migrations form one chain, each step once, below the current version',
    (_format, kind) => {
      const froms = kind.migrations.map((m) => m.from);
      expect(new Set(froms).size).toBe(froms.length);
      for (const from of froms) {
        expect(Number.isInteger(from)).toBe(true);
        expect(from).toBeGreaterThanOrEqual(1);
        expect(from).toBeLessThan(kind.currentVersion);
      }
      for (const m of kind.migrations) expect(m.description.trim()).not.toBe('');
    },
  );
});
