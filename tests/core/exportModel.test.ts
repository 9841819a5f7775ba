import { describe, expect, test } from 'vitest';
import { ManifestHeadSchema } from '../../electron/core/backup/archive';
import { readableBook, slugify } from '../../electron/core/backup/readable';
import type { AreaDoc, BookDoc } from '../../electron/core/persistence/documents';
import { formatLongDate } from '../../electron/core/print/model';

const at = '2019-01-10T09:00:00.000Z';
const book: BookDoc = {
  format: 'briefing-book/book',
  schemaVersion: 3,
  bookId: 'book-1',
  createdAt: at,
  settings: {
    title: 'Round three',
    marking: 'RESTRICTED',
    preparedFor: 'Head of Delegation',
    preparedBy: '',
    parties: [
      { id: 'united-states', name: 'United States' },
      { id: 'china', name: 'China' },
    ],
    updatedAt: at,
  },
  positions: { rounds: [], currentRoundId: null, archivedParties: [] },
  meetings: { meetings: [], events: [] },
};

function area(id: string, rank: string, title: string, extra: Partial<AreaDoc['area']> = {}, markdown = ''): AreaDoc {
  return {
    format: 'briefing-book/area',
    schemaVersion: 2,
    area: {
      id,
      title,
      summary: '',
      status: 'open',
      priority: 'high',
      tags: [],
      rank,
      archivedAt: null,
      deletedAt: null,
      createdAt: at,
      updatedAt: at,
      ...extra,
    },
    note: { markdown, revision: 1, words: 1, updatedAt: at },
    board: { points: [] },
  };
}

describe('the readable half of an archive', () => {
  test('a book file and one Markdown file per live area, in book order; deleted areas are left out', () => {
    const files = readableBook(book, [
      area('b', 'a2', 'Tariffs and the 2 March deadline', { summary: 'Line one\n\nLine two' }, '## Deadline\n\n**2 March**'),
      area('a', 'a1', '汇率 exchange rates', { archivedAt: at, tags: ['currency'] }),
      area('c', 'a3', 'Gone', { deletedAt: at }),
    ]);
    expect(files.map((f) => f.path)).toEqual([
      'README.md',
      'book.md',
      'areas/01-exchange-rates.md',
      'areas/02-tariffs-and-the-2-march-deadline.md',
    ]);
    const index = files[1]!.text;
    expect(index).toContain('# Round three');
    expect(index).toContain('**RESTRICTED**');
    expect(index).toContain('1. [汇率 exchange rates](areas/01-exchange-rates.md) — Open, High priority (archived)');
    expect(index).not.toContain('Gone');
    expect(index).not.toContain('Prepared by');
    const tariffs = files[3]!.text;
    expect(tariffs).toContain('> Line one\n>\n> Line two');
    expect(tariffs).toContain('## Deadline\n\n**2 March**');
    expect(files[2]!.text).toContain('- Tags: currency');
    expect(files[2]!.text).toContain('_No briefing note yet._');
  });

  test('slugs are safe file names, with a fallback for titles without Latin letters', () => {
    expect(slugify('Industrial subsidies and "Made in China 2025"', 'x')).toBe('industrial-subsidies-and-made-in-china-2025');
    expect(slugify('Café — négociation', 'x')).toBe('cafe-negociation');
    expect(slugify('强制技术转让', 'area-7')).toBe('area-7');
    expect(slugify('a'.repeat(100), 'x')).toHaveLength(60);
  });
});

describe('print model helpers', () => {
  test('long dates', () => {
    expect(formatLongDate('2019-01-10')).toBe('10 January 2019');
    expect(formatLongDate('2019-03-02T23:59:59.000Z')).toBe('2 March 2019');
    expect(formatLongDate('soon')).toBe('soon');
    expect(formatLongDate('2019-13-01')).toBe('2019-13-01');
  });

  test('the manifest head is read before anything else, and knows nothing but format and version', () => {
    expect(ManifestHeadSchema.safeParse({ format: 'briefing-book/archive', archiveVersion: 9, future: true }).success).toBe(true);
    expect(ManifestHeadSchema.safeParse({ format: 'other', archiveVersion: 1 }).success).toBe(false);
    expect(ManifestHeadSchema.safeParse({ format: 'briefing-book/archive', archiveVersion: 0 }).success).toBe(false);
  });
});
