import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import type { PrintBook } from '../../electron/core/print/model';
import { PrintMarkdown } from '../../electron/services/export/print/markdown';
import { bookHtml, footerTemplate, headerTemplate, prepareBook } from '../../electron/services/export/print/printHtml';
import { fixtureBoards, fixtureSources } from '../fixtures/print/content';

/** The print-HTML builder on hostile and tricky input: nothing runs, nothing is fetched, everything is escaped. */
const md = await PrintMarkdown.create();

function bookOf(noteMarkdown: string, title = 'Tariffs'): PrintBook {
  return {
    title: 'Book <b>bold</b>',
    marking: 'SECRET & "CLOSE HOLD"',
    preparedFor: '',
    preparedBy: '',
    dateLabel: '10 January 2019',
    parties: [
      { id: 'united-states', name: 'United States' },
      { id: 'china', name: 'China' },
    ],
    areas: [
      {
        id: 'tariffs',
        title,
        summary: 'The *deadline* is "fixed".',
        status: 'open',
        priority: 'high',
        tags: ['deadline'],
        archived: false,
        noteUpdatedAt: '2019-01-10T09:00:00.000Z',
        noteMarkdown,
        board: fixtureBoards['forced-technology-transfer'] ?? null,
        evidence: [
          {
            n: 1,
            quote: '<img src=x onerror=alert(1)> quoted',
            outlet: 'Wire',
            date: '2019-01-09',
            title: 'T',
            sourceId: 'wire-talks-extended',
          },
        ],
      },
    ],
    sources: fixtureSources.filter((s) => s.id === 'wire-talks-extended'),
    scopeLabel: 'whole book',
  };
}

describe('the print-HTML builder', () => {
  test('raw HTML in a note prints as text; scripts, handlers, remote images and javascript: links never survive', () => {
    const note = [
      '<script>alert(1)</script>',
      '<iframe src="https://evil.example/"></iframe>',
      '<img src="https://evil.example/track.png" onerror="alert(2)">',
      '![chart](https://evil.example/chart.png)',
      '[click](javascript:alert(3)) [data](data:text/html,hi) [ok](https://ustr.gov/)',
      '<a href="#area-tariffs" id="area-tariffs">clash</a>',
      '<style>body{display:none}</style>',
    ].join('\n\n');
    const html = bookHtml(prepareBook(bookOf(note, 'Title <script>x</script>'), md, 'a4'), '', null);
    const body = html.slice(html.indexOf('<body>'));
    // Read as a browser would: no active or remote element, no event handler, no dangerous link.
    const doc = new JSDOM(html).window.document;
    expect(
      doc.querySelectorAll('body script, body iframe, body img, body style, body object, body embed, body form, body input'),
    ).toHaveLength(0);
    const attributes = [...doc.querySelectorAll('body *')].flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`));
    expect(attributes.filter((a) => /^on/i.test(a) || /^(href|src)=(?!#|https?:|mailto:)/i.test(a))).toEqual([]);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('[Image not printed: chart]');
    expect(body).toContain('<a href="https://ustr.gov/">ok</a>');
    expect(body).toContain('Title &lt;script&gt;x&lt;/script&gt;');
    // Only the book's own anchors carry ids: a note cannot make a second "area-tariffs".
    expect(body.match(/id="area-tariffs"/g)).toHaveLength(1);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    );
  });

  test('the contents link every area and the appendix; numbers appear once known', () => {
    const prepared = prepareBook(bookOf('Text'), md, 'a4');
    expect(prepared.contents.map((c) => c.anchor)).toEqual(['area-tariffs', 'sources']);
    const first = bookHtml(prepared, '', null);
    expect(first).toContain('<a href="#area-tariffs">');
    expect(first).toContain('<span class="toc-page"></span>');
    const second = bookHtml(
      prepared,
      '',
      new Map([
        ['area-tariffs', 3],
        ['sources', 7],
      ]),
    );
    expect(second).toContain('<span class="toc-page">3</span>');
    expect(second).toContain('<span class="toc-page">7</span>');
  });

  test('positions: a column per party in the book’s order, kinds in words, evidence linked to its note, the source to the appendix', () => {
    const html = bookHtml(prepareBook(bookOf('Text'), md, 'a4'), '', null);
    expect(html).toMatch(
      /<th class="col-point" scope="col">Point<\/th><th scope="col">United States<\/th><th scope="col">China<\/th><th class="col-assessment"/,
    );
    expect(html).toContain('<span class="kind kind-red-line">Red line</span>');
    expect(html).toContain('<a href="#ev-tariffs-1">1</a>');
    expect(html).toContain('<li id="ev-tariffs-1">');
    expect(html).toContain('<a class="src-ref" href="#src-wire-talks-extended">[S1]</a>');
    expect(html).toContain('No stated position');
    // The evidence quote is sanitized like a note: the tag prints as text.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; quoted');
    expect(new JSDOM(html).window.document.querySelectorAll('body img')).toHaveLength(0);
  });

  test('typographic quotes outside code; the header and footer escape the marking and title', () => {
    const html = bookHtml(prepareBook(bookOf('He said "yes" and it\'s done. `"code"`'), md, 'a4'), '', null);
    expect(html).toContain('He said “yes” and it’s done. <code>"code"</code>');
    expect(html).toContain('The <em>deadline</em> is “fixed”.');
    const book = bookOf('x');
    const header = headerTemplate(book, '');
    const footer = footerTemplate(book, '');
    expect(header).toContain('SECRET &amp; &quot;CLOSE HOLD&quot;');
    expect(header).toContain('Book &lt;b&gt;bold&lt;/b&gt;');
    expect(footer).toContain('Page <span class="pageNumber"></span> of <span class="totalPages"></span>');
  });
});
