import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createArea, emptyNote } from '../../electron/core/ops/areas';
import {
  AREA_FORMAT,
  BOOK_FORMAT,
  decodeDocument,
  DocumentError,
  documentKinds,
  WINDOW_FORMAT,
  type DocumentKind,
  type Migration,
} from '../../electron/core/persistence/documents';
import { SNAPSHOT_FORMAT, SOURCE_FORMAT } from '../../electron/core/persistence/sourceDocuments';
import { emptyBoard } from '../../electron/core/ops/positions';
import { emptyBookPositions } from '../../electron/core/persistence/positionsMigrations';
import { TickingClock } from './clock';
import { emptyBookMeetings } from '../../electron/core/model/meetings';

type Raw = Record<string, unknown>;

/** A valid current document of each stored format, and one way to break its shape naming the field. */
interface KindCase {
  readonly valid: () => Raw;
  readonly breakShape: (doc: Raw) => Raw;
  readonly brokenField: string;
}

const clock = new TickingClock();

const cases: Record<string, KindCase> = {
  [BOOK_FORMAT]: {
    valid: () => ({
      format: BOOK_FORMAT,
      schemaVersion: 3,
      bookId: 'book-1',
      createdAt: '2019-01-10T09:00:00.000Z',
      settings: {
        title: 'US–China Trade Talks',
        marking: 'SENSITIVE',
        preparedFor: 'Head of Delegation',
        preparedBy: 'Analysis Unit',
        parties: [
          { id: 'united-states', name: 'United States' },
          { id: 'china', name: 'China' },
        ],
        updatedAt: '2019-01-10T09:00:00.000Z',
      },
      positions: emptyBookPositions(),
      meetings: emptyBookMeetings(),
    }),
    breakShape: (doc) => ({ ...doc, settings: { ...(doc['settings'] as Raw), parties: [{ id: 'china', name: 'China' }] } }),
    brokenField: 'settings.parties',
  },
  [AREA_FORMAT]: {
    // Built with the core operations, so the document follows the area and note schemas as they are.
    valid: () => ({
      format: AREA_FORMAT,
      schemaVersion: 2,
      area: createArea({ title: 'Tariffs', tags: ['deadline'] }, [], 'tariffs', clock),
      note: emptyNote(clock),
      board: emptyBoard(),
    }),
    breakShape: (doc) => ({ ...doc, area: { ...(doc['area'] as Raw), title: 42 } }),
    brokenField: 'area.title',
  },
  [WINDOW_FORMAT]: {
    valid: () => ({ format: WINDOW_FORMAT, schemaVersion: 1, bounds: { x: 10, y: 20, width: 1280, height: 820 }, maximized: false }),
    breakShape: (doc) => ({ ...doc, bounds: { x: 10, y: 20, width: 50, height: 820 } }),
    brokenField: 'bounds.width',
  },
  [SOURCE_FORMAT]: {
    valid: () => ({
      format: SOURCE_FORMAT,
      schemaVersion: 1,
      source: {
        id: 'src-1',
        title: 'Readout',
        outlet: 'USTR',
        author: '',
        publishedOn: '2019-01-09',
        url: 'https://ustr.example.gov/readout',
        language: 'en',
        direction: 'ltr',
        kind: 'markdown',
        fileName: null,
        contentHash: 'a'.repeat(64),
        textLength: 12,
        words: 2,
        excerpt: 'Talks ended.',
        importedAt: '2019-01-10T09:00:00.000Z',
        updatedAt: '2019-01-10T09:00:00.000Z',
        deletedAt: null,
      },
      annotations: [
        {
          id: 'ann-1',
          color: 'yellow',
          comment: '',
          areaIds: ['enforcement'],
          target: {
            selector: [
              { type: 'TextQuoteSelector', exact: 'Talks', prefix: '', suffix: ' ended.' },
              { type: 'TextPositionSelector', start: 0, end: 5 },
            ],
          },
          createdAt: '2019-01-10T09:00:00.000Z',
          updatedAt: '2019-01-10T09:00:00.000Z',
          deletedAt: null,
        },
      ],
    }),
    breakShape: (doc) => ({ ...doc, source: { ...(doc['source'] as Raw), url: 'javascript:alert(1)' } }),
    brokenField: 'source.url',
  },
  [SNAPSHOT_FORMAT]: {
    valid: () => ({
      format: SNAPSHOT_FORMAT,
      schemaVersion: 1,
      sourceId: 'src-1',
      contentHash: 'a'.repeat(64),
      createdAt: '2019-01-10T09:00:00.000Z',
      textRules: 1,
      html: '<p>Talks ended.</p>',
      text: 'Talks ended.',
    }),
    breakShape: (doc) => ({ ...doc, textRules: 2 }),
    brokenField: 'textRules',
  },
};

function decodeError(kind: DocumentKind<unknown>, raw: unknown): DocumentError {
  try {
    decodeDocument(kind, raw);
  } catch (error) {
    if (error instanceof DocumentError) return error;
    throw error;
  }
  throw new Error('expected decodeDocument to fail');
}

test('every document kind has a case here', () => {
  expect(documentKinds.map((k) => k.format).sort()).toEqual(Object.keys(cases).sort());
});

describe.each(documentKinds.map((kind): [string, DocumentKind<unknown>] => [kind.format, kind]))('%s', (format, kind) => {
  const c = cases[format];
  if (!c) throw new Error(`no case for ${format}`);

  test('decodes a valid document unchanged, with no migration', () => {
    const doc = c.valid();
    const decoded = decodeDocument(kind, doc);
    expect(decoded.doc).toEqual(doc);
    expect(decoded.migratedFrom).toBeNull();
  });

  test.each([null, [], 'text', 42, true])('refuses %j as not an object', (raw) => {
    const error = decodeError(kind, raw);
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/does not hold a JSON object/);
  });

  test('refuses another format, naming the label and the format found', () => {
    const error = decodeError(kind, { ...c.valid(), format: 'briefing-book/something-else' });
    expect(error.reason).toBe('corrupt');
    expect(error.message).toContain(`not a ${kind.label}`);
    expect(error.message).toContain('"briefing-book/something-else"');
    expect(decodeError(kind, (({ format: _f, ...rest }) => rest)(c.valid())).message).toContain('format is undefined');
  });

  test.each([
    ['missing', undefined],
    ['a string', '1'],
    ['a fraction', 1.5],
    ['zero', 0],
    ['negative', -1],
    ['NaN', Number.NaN],
    ['null', null],
  ])('refuses a schemaVersion that is %s', (_label, version) => {
    const doc = c.valid();
    if (version === undefined) delete doc['schemaVersion'];
    else doc['schemaVersion'] = version;
    const error = decodeError(kind, doc);
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/no valid schemaVersion/);
  });

  test('a newer version is "newer", and the message names both versions', () => {
    const newer = kind.currentVersion + 1;
    const error = decodeError(kind, { ...c.valid(), schemaVersion: newer });
    expect(error.reason).toBe('newer');
    expect(error.message).toContain(`format version ${newer}`);
    expect(error.message).toContain(`reads up to ${kind.currentVersion}`);
    expect(error.message).toContain(kind.label);
    expect(decodeError(kind, { ...c.valid(), schemaVersion: 999 }).reason).toBe('newer');
  });

  test('a wrong shape is corrupt, naming the field', () => {
    const error = decodeError(kind, c.breakShape(c.valid()));
    expect(error.reason).toBe('corrupt');
    expect(error.message).toContain(kind.label);
    expect(error.message).toContain(`${c.brokenField}:`);
  });

  test('an unknown extra field is corrupt', () => {
    const error = decodeError(kind, { ...c.valid(), surprise: true });
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/surprise/);
  });
});

describe('the migration runner', () => {
  const ThingV3 = z.strictObject({
    format: z.literal('test/thing'),
    schemaVersion: z.literal(3),
    name: z.string(),
    tags: z.array(z.string()),
    /** Which steps ran, in order, and the version each step saw. */
    steps: z.array(z.string()),
  });
  type Thing = z.infer<typeof ThingV3>;

  const toV2: Migration = {
    from: 1,
    description: 'title becomes name',
    up: ({ title, ...rest }) => ({ ...rest, name: title, steps: [`1->2 saw v${String(rest['schemaVersion'])}`] }),
  };
  const toV3: Migration = {
    from: 2,
    description: 'tags added',
    up: (doc) => ({ ...doc, tags: [], steps: [...(doc['steps'] as string[]), `2->3 saw v${String(doc['schemaVersion'])}`] }),
  };

  // Listed out of order: the runner must pick each step by its `from`, not by its position.
  const thingKind: DocumentKind<Thing> = {
    format: 'test/thing',
    label: 'test thing',
    currentVersion: 3,
    schema: ThingV3,
    migrations: [toV3, toV2],
  };

  test('runs every step in order from the stored version, bumping schemaVersion after each', () => {
    const raw = { format: 'test/thing', schemaVersion: 1, title: 'Old' };
    const snapshot = structuredClone(raw);
    const decoded = decodeDocument(thingKind, raw);
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.doc).toEqual({ format: 'test/thing', schemaVersion: 3, name: 'Old', tags: [], steps: ['1->2 saw v1', '2->3 saw v2'] });
    expect(raw).toEqual(snapshot);
  });

  test('starts from the middle for a document that is one version behind', () => {
    const decoded = decodeDocument(thingKind, { format: 'test/thing', schemaVersion: 2, name: 'Mid', steps: [] });
    expect(decoded.migratedFrom).toBe(2);
    expect(decoded.doc).toEqual({ format: 'test/thing', schemaVersion: 3, name: 'Mid', tags: [], steps: ['2->3 saw v2'] });
  });

  test('runs nothing for a current document', () => {
    const doc = { format: 'test/thing', schemaVersion: 3, name: 'Now', tags: ['x'], steps: [] };
    expect(decodeDocument(thingKind, doc)).toEqual({ doc, migratedFrom: null });
  });

  test('a missing step makes the document corrupt, naming the version', () => {
    const gap: DocumentKind<Thing> = { ...thingKind, migrations: [toV3] };
    const error = decodeError(gap, { format: 'test/thing', schemaVersion: 1, title: 'Old' });
    expect(error.reason).toBe('corrupt');
    expect(error.message).toContain('no migration from format version 1');
    expect(error.message).toContain('test thing');
    // The later step alone still serves version 2.
    expect(decodeDocument(gap, { format: 'test/thing', schemaVersion: 2, name: 'Mid', steps: [] }).migratedFrom).toBe(2);
  });

  test('a migration whose result does not fit the schema is reported as corrupt', () => {
    const broken: DocumentKind<Thing> = {
      ...thingKind,
      migrations: [toV3, { from: 1, description: 'loses the name', up: (d) => ({ ...d, steps: [] }) }],
    };
    const error = decodeError(broken, { format: 'test/thing', schemaVersion: 1, title: 'Old' });
    expect(error.reason).toBe('corrupt');
    expect(error.message).toMatch(/test thing has an invalid shape/);
  });

  test('a migration that throws on odd old data makes that document corrupt instead of escaping', () => {
    // toV3 reads `steps`, which a hand-edited version-2 file may lack.
    const error = decodeError(thingKind, { format: 'test/thing', schemaVersion: 2, name: 'No steps' });
    expect(error.reason).toBe('corrupt');
    expect(error.message).toContain('format version 2');
    expect(error.message).toContain('test thing');
  });
});
