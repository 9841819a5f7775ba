import { describe, expect, test } from 'vitest';
import {
  citationMarkdown,
  escapeLinkText,
  findCitations,
  parseCitationHref,
  quoteFromLinkText,
} from '../../electron/core/sources/citations';
import { decodeArticleBytes, kindOfFile } from '../../electron/core/sources/fileKinds';
import { safeHref } from '../../electron/core/sources/htmlPolicy';
import {
  cleanLanguageTag,
  detectDirection,
  guessLanguage,
  guessTitle,
  looksLikeMarkdown,
  normalizeDate,
  splitFrontMatter,
} from '../../electron/core/sources/metadata';
import { sampleCitationSection, sampleSources } from '../../electron/core/sample/sampleSources';
import { sampleBook } from '../../electron/core/sample/sampleBook';

describe('citations in Markdown', () => {
  test('a citation round-trips through the note text', () => {
    const md = `Lead.\n\n${citationMarkdown({ sourceId: 'src-a1', annotationId: 'ann-b2' }, 'They said [x] *was* `done`\nnow')}\n`;
    expect(md).toContain('(cite:src-a1/ann-b2)');
    expect(findCitations(md)).toEqual([{ sourceId: 'src-a1', annotationId: 'ann-b2' }]);
    expect(escapeLinkText('a [b] *c* _d_')).toBe('a \\[b\\] \\*c\\* \\_d\\_');
  });

  test('hostile or malformed cite: links are not citations', () => {
    expect(parseCitationHref('cite:../book/x')).toBeNull();
    expect(parseCitationHref('cite:SRC/ann')).toBeNull();
    expect(parseCitationHref('javascript:alert(1)')).toBeNull();
    expect(parseCitationHref('cite:a/b/c')).toBeNull();
    expect(parseCitationHref('cite:src-1/ann-1')).toEqual({ sourceId: 'src-1', annotationId: 'ann-1' });
    expect(findCitations('[x](cite:src-1/ann-1 "t") [y](https://e.org)')).toEqual([]);
  });

  test('the last-known quote is read back from the link text', () => {
    expect(quoteFromLinkText('“the quote”')).toBe('the quote');
  });
});

describe('metadata helpers', () => {
  test.each([
    ['2019-01-09T16:40:00+08:00', '2019-01-09'],
    ['2019-01-10 15:30', '2019-01-10'],
    ['10 January 2019', '2019-01-10'],
    ['January 9, 2019', '2019-01-09'],
    ['2019/01/10', '2019-01-10'],
    ['2019年1月10日', '2019-01-10'],
    ['2019-02-30', null],
    ['yesterday', null],
  ])('normalizeDate(%s) = %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  test('language and direction', () => {
    expect(cleanLanguageTag('zh_CN')).toBe('zh-CN');
    expect(cleanLanguageTag('not a tag!')).toBe('');
    expect(detectDirection('ar', '')).toBe('rtl');
    expect(detectDirection('', 'وقال مسؤول إن أصعب جزء')).toBe('rtl');
    expect(detectDirection('', 'The talks')).toBe('ltr');
    expect(guessLanguage('双方在结构性问题上取得了进展')).toBe('zh');
    expect(guessLanguage('שיחות הסחר')).toBe('he');
  });

  test('titles, Markdown detection and front matter', () => {
    expect(guessTitle('\n# The readout\n\nText')).toBe('The readout');
    expect(guessTitle('First line\nSecond')).toBe('First line');
    expect(looksLikeMarkdown('## Heading\ntext')).toBe(true);
    expect(looksLikeMarkdown('Plain words. More words.')).toBe(false);
    const fm = splitFrontMatter('---\ntitle: "A"\n__proto__: x\ndate: 2019-01-09\n---\nBody');
    expect(fm.fields).toEqual({ title: 'A', date: '2019-01-09' });
    expect(fm.body).toBe('Body');
  });
});

describe('links and files', () => {
  test.each([
    ['https://ustr.example.gov/a?b#c', 'https://ustr.example.gov/a?b#c'],
    ['HTTP://Example.org', 'http://Example.org'],
    ['javascript:alert(1)', null],
    ['java\nscript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['data:text/html,<script>', null],
    ['mailto:desk@example.com', null],
    ['file:///etc/passwd', null],
    ['/relative/path', null],
    ['https://user:pw@example.org/', null],
    ['https://exa mple.org/', null],
    ['https:\\\\evil.example', null],
  ])('safeHref(%j) = %j', (href, expected) => {
    expect(safeHref(href)).toBe(expected);
  });

  test('file kinds and decoding', () => {
    expect(kindOfFile('Page.HTM')).toBe('html');
    expect(kindOfFile('notes.md')).toBe('markdown');
    expect(kindOfFile('scan.pdf')).toBeNull();
    const decode = (bytes: Uint8Array, label: string, fatal: boolean) => new TextDecoder(label, { fatal }).decode(bytes);
    expect(decodeArticleBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), 'text', 'a.txt', decode)).toBe('a');
    expect(() => decodeArticleBytes(new Uint8Array([0x25, 0x50, 0x00, 0x01]), 'html', 'x.html', decode)).toThrow(/not a text file/);
    expect(() => decodeArticleBytes(new Uint8Array([0xe9, 0x61]), 'text', 'x.txt', decode)).toThrow(/not UTF-8/);
    expect(decodeArticleBytes(new Uint8Array([0xe9, 0x61]), 'html', 'x.html', decode)).toBe('éa');
  });
});

describe('the sample sources', () => {
  test('every sample quote is cited from a note and links to sample areas; one quote is Chinese', () => {
    const areaIds = new Set(sampleBook.areas.map((a) => a.id));
    const quotes = sampleSources.flatMap((s) => s.annotations);
    for (const a of quotes) for (const id of a.areaIds) expect(areaIds.has(id), `${a.id} → ${id}`).toBe(true);
    expect(quotes.some((a) => /[\u4e00-\u9fff]/.test(a.quote))).toBe(true);
    const cited = sampleBook.areas.flatMap((a) => findCitations(a.note));
    expect(cited.length).toBeGreaterThanOrEqual(8);
    for (const ref of cited) {
      expect(sampleSources.find((s) => s.id === ref.sourceId)?.annotations.some((a) => a.id === ref.annotationId)).toBe(true);
    }
    expect(sampleCitationSection('cyber-theft')).toBe('');
  });
});
