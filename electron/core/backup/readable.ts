import { priorityLabels, statusLabels } from '../model/book';
import { sortByRank } from '../ops/ranking';
import type { AreaDoc, BookDoc } from '../persistence/documents';

/**
 * The readable half of an archive: the book as Markdown files anyone can open
 * without the app. The JSON under data/ stays the source of truth; these files
 * are never read back.
 */
export interface ReadableFile {
  readonly path: string;
  readonly text: string;
}

/** A file-name-safe slug: "Tariffs and the 2 March deadline" → "tariffs-and-the-2-march-deadline". */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

export function readableBook(book: BookDoc, areas: readonly AreaDoc[]): ReadableFile[] {
  const { settings } = book;
  const live = sortByRank(areas.filter((a) => a.area.deletedAt === null).map((a) => ({ ...a.area, doc: a })));
  const width = String(live.length).length;
  const named = live.map((area, index) => ({
    area: area.doc,
    file: `areas/${String(index + 1).padStart(Math.max(2, width), '0')}-${slugify(area.title, area.id)}.md`,
  }));

  const index = [
    `# ${settings.title}`,
    '',
    ...(settings.marking ? [`**${settings.marking}**`, ''] : []),
    ...(settings.preparedFor ? [`- Prepared for: ${settings.preparedFor}`] : []),
    ...(settings.preparedBy ? [`- Prepared by: ${settings.preparedBy}`] : []),
    `- Parties: ${settings.parties.map((p) => p.name).join(', ')}`,
    '',
    '## Issue areas',
    '',
    ...named.map(
      ({ area, file }, i) =>
        `${i + 1}. [${area.area.title}](${file}) — ${statusLabels[area.area.status]}, ${priorityLabels[area.area.priority]} priority${
          area.area.archivedAt ? ' (archived)' : ''
        }`,
    ),
    '',
  ].join('\n');

  const readme = [
    '# About this archive',
    '',
    'This is a Briefing Book archive. To restore it, open Briefing Book and choose **File → Import Book Archive…**.',
    '',
    '- `manifest.json` lists every stored file with its size and SHA-256.',
    '- `data/` holds the stored files exactly as the app keeps them; the app restores from these.',
    '- `readable/` is the same book as plain Markdown, for reading without the app. It is never read back.',
    '',
  ].join('\n');

  const files: ReadableFile[] = [
    { path: 'README.md', text: readme },
    { path: 'book.md', text: index },
  ];
  for (const { area: doc, file } of named) {
    const { area, note } = doc;
    const lines = [
      `# ${area.title}`,
      '',
      `- Status: ${statusLabels[area.status]}`,
      `- Priority: ${priorityLabels[area.priority]}`,
      ...(area.tags.length ? [`- Tags: ${area.tags.join(', ')}`] : []),
      ...(area.archivedAt ? [`- Archived: ${area.archivedAt.slice(0, 10)}`] : []),
      `- Note last changed: ${note.updatedAt.slice(0, 10)}`,
      '',
      ...(area.summary.trim() ? [quoteBlock(area.summary.trim()), ''] : []),
      '---',
      '',
      note.markdown.trim() ? note.markdown.trimEnd() : '_No briefing note yet._',
      '',
    ];
    files.push({ path: file, text: lines.join('\n') });
  }
  return files;
}
