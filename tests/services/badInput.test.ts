import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listMethods } from '../../electron/core/contract/api';
import { limits } from '../../electron/core/model/common';
import { tempDir } from '../harness/paths';
import { RecordingPlatform } from '../harness/services';
import { boot, snapshot, type Booted } from './support';

/**
 * Malformed payloads for every API method. Each must come back ok:false with
 * invalid_input, a message and details naming the problem, and must change
 * nothing in the data folder. A method without cases here fails the test.
 */

/** A bad payload and what the answer must name: the path of the offending field, or words in the message. */
type Case = readonly [label: string, payload: unknown, names: string | RegExp];

interface MethodCases {
  /** A payload the schema accepts, from which the generic bad payloads are made. */
  readonly valid: Record<string, unknown>;
  /** Bad payloads specific to this method. */
  readonly cases: readonly Case[];
}

const AREA = 'enforcement';
const SOURCE = 'src-ustr-readout';
const ANNOTATION = 'ann-verification';
const REF = { sourceId: SOURCE, annotationId: ANNOTATION };
const SELECTION = { exact: 'complete implementation', prefix: '', suffix: '', start: 0, end: 23 };
const long = (n: number) => 'x'.repeat(n);

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** The valid payload with one more key, written as JSON so that "__proto__" becomes an own key, as it does off the wire. */
function withKey(valid: Record<string, unknown>, key: string, value: unknown): unknown {
  const body = JSON.stringify(valid).slice(1, -1);
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}${body ? `,${body}` : ''}}`);
}

const badIds: readonly (readonly [label: string, id: unknown])[] = [
  ['a path traversal id', '../book'],
  ['an id with a slash', 'a/b'],
  ['an id with a backslash', 'a\\b'],
  ['a dot-dot id', '..'],
  ['a file name as id', 'book.json'],
  ['an upper-case id', 'Enforcement'],
  ['an id starting with a dash', '-x'],
  ['an empty id', ''],
  ['an over-long id', long(65)],
  ['a numeric id', 7],
  ['an id in an array', [AREA]],
];

/** The same bad ids, placed in the field `key` of `valid`: the schema refuses each, naming that field. */
function idCases(valid: Record<string, unknown>, key: string): Case[] {
  return badIds.map(([label, id]) => [`${key}: ${label}`, { ...valid, [key]: id }, key] as const);
}

const table: Record<string, MethodCases> = {
  'app.info': {
    valid: {},
    cases: [['any field', { verbose: true }, 'payload']],
  },
  'app.flushed': {
    valid: { requestId: 'flush-1' },
    cases: [
      ['no requestId', {}, 'requestId'],
      ['an empty requestId', { requestId: '' }, 'requestId'],
      ['an over-long requestId', { requestId: long(101) }, 'requestId'],
      ['a numeric requestId', { requestId: 1 }, 'requestId'],
      ['a null requestId', { requestId: null }, 'requestId'],
    ],
  },
  'app.openExternal': {
    valid: { url: 'https://ustr.gov/' },
    cases: [
      ['no url', {}, 'url'],
      ['an empty url', { url: '' }, 'url'],
      ['an over-long url', { url: `https://example.com/${long(4_000)}` }, 'url'],
      ['a url object', { url: { href: 'https://ustr.gov/' } }, 'url'],
      ['a javascript: url', { url: 'javascript:alert(1)' }, /Only web links/],
      ['a file: url', { url: 'file:///etc/passwd' }, /Only web links/],
      ['a url with credentials', { url: 'https://user:secret@example.com/' }, /Only web links/],
      ['a custom scheme', { url: 'app://briefing/index.html' }, /Only web links/],
      ['not a url at all', { url: 'ustr.gov' }, /Only web links/],
    ],
  },
  'book.open': {
    valid: {},
    cases: [['any field', { reload: true }, 'payload']],
  },
  'book.notices': {
    valid: {},
    cases: [['any field', { all: true }, 'payload']],
  },
  'book.updateSettings': {
    valid: { title: 'A title' },
    cases: [
      ['an empty title', { title: '' }, 'title'],
      ['a blank title', { title: '   ' }, 'title'],
      ['an over-long title', { title: long(limits.bookTitle + 1) }, 'title'],
      ['a two-line title', { title: 'a\nb' }, 'title'],
      ['a title with NUL', { title: 'a\u0000b' }, 'title'],
      ['a NaN title', { title: Number.NaN }, 'title'],
      ['an over-long marking', { marking: long(limits.marking + 1) }, 'marking'],
      ['a numeric preparedFor', { preparedFor: 5 }, 'preparedFor'],
      ['an over-long preparedBy', { preparedBy: long(limits.personLine + 1) }, 'preparedBy'],
      ['parties as an object', { parties: { a: { name: 'A' } } }, 'parties'],
      ['one party', { parties: [{ name: 'A' }] }, 'parties'],
      ['too many parties', { parties: Array.from({ length: limits.parties + 1 }, (_, i) => ({ name: `P${i}` })) }, 'parties'],
      ['a party with a traversal id', { parties: [{ id: '../book', name: 'A' }, { name: 'B' }] }, 'parties.0.id'],
      ['a party with a slash id', { parties: [{ id: 'a/b', name: 'A' }, { name: 'B' }] }, 'parties.0.id'],
      ['a party without a name', { parties: [{ id: 'china' }, { name: 'B' }] }, 'parties.0.name'],
      ['a party with an over-long name', { parties: [{ name: long(limits.partyName + 1) }, { name: 'B' }] }, 'parties.0.name'],
      ['a party with an extra field', { parties: [{ name: 'A', flag: '🇨🇳' }, { name: 'B' }] }, 'parties.0'],
      ['a party that is a string', { parties: ['China', 'United States'] }, 'parties.0'],
      ['a settings field that cannot be patched', { updatedAt: '2019-01-01T00:00:00.000Z' }, 'payload'],
      ['duplicate party names', { parties: [{ name: 'Japan' }, { name: 'JAPAN' }] }, /both called/],
      ['an unknown party id', { parties: [{ id: 'mars', name: 'Mars' }, { name: 'B' }] }, /no party with id "mars"/],
      ['archiving a party with a traversal id', { archiveParties: ['../book'] }, 'archiveParties.0'],
      ['archiving parties given as a string', { archiveParties: 'china' }, 'archiveParties'],
      ['archiving a party that is not being removed', { archiveParties: ['china'] }, /"china" is not being removed/],
    ],
  },
  'areas.create': {
    valid: { title: 'A title' },
    cases: [
      ['no title', {}, 'title'],
      ['an empty title', { title: '' }, 'title'],
      ['a blank title', { title: ' \t ' }, 'title'],
      ['an over-long title', { title: long(limits.title + 1) }, 'title'],
      ['a title with NUL', { title: 'a\u0000b' }, 'title'],
      ['a title in an array', { title: ['T'] }, 'title'],
      ['an over-long summary', { title: 'T', summary: long(limits.summary + 1) }, 'summary'],
      ['a summary with control characters', { title: 'T', summary: 'a\u0007b' }, 'summary'],
      ['an unknown status', { title: 'T', status: 'done' }, 'status'],
      ['a numeric priority', { title: 'T', priority: 1 }, 'priority'],
      ['tags as a string', { title: 'T', tags: 'a,b' }, 'tags'],
      ['an over-long tag', { title: 'T', tags: [long(limits.tag + 1)] }, 'tags.0'],
      ['too many tags', { title: 'T', tags: Array.from({ length: limits.tags + 1 }, (_, i) => `t${i}`) }, 'tags'],
      ['a caller-chosen id', { title: 'T', id: 'mine' }, 'payload'],
      ['a caller-chosen rank', { title: 'T', rank: 'a0' }, 'payload'],
      ...idCases({ title: 'T' }, 'beforeId'),
      ['an unknown beforeId', { title: 'T', beforeId: 'no-such-area' }, /"no-such-area" does not exist/],
    ],
  },
  'areas.update': {
    valid: { id: AREA, patch: { title: 'T' } },
    cases: [
      ['no id', { patch: { title: 'T' } }, 'id'],
      ['no patch', { id: AREA }, 'patch'],
      ['a null patch', { id: AREA, patch: null }, 'patch'],
      ['a patch that is an array', { id: AREA, patch: [{ title: 'T' }] }, 'patch'],
      ['an empty title', { id: AREA, patch: { title: '' } }, 'patch.title'],
      ['an over-long title', { id: AREA, patch: { title: long(limits.title + 1) } }, 'patch.title'],
      ['an unknown status', { id: AREA, patch: { status: 'closed' } }, 'patch.status'],
      ['an over-long tag', { id: AREA, patch: { tags: [long(limits.tag + 1)] } }, 'patch.tags.0'],
      ['a two-line tag', { id: AREA, patch: { tags: ['a\nb'] } }, 'patch.tags.0'],
      ['a rank in the patch', { id: AREA, patch: { rank: 'a0' } }, 'patch'],
      ['a deletedAt in the patch', { id: AREA, patch: { deletedAt: null } }, 'patch'],
      ['an id in the patch', { id: AREA, patch: { id: 'other' } }, 'patch'],
      ['__proto__ inside the patch', { id: AREA, patch: JSON.parse('{"__proto__": {"title": "Polluted"}}') as unknown }, 'patch'],
      ['constructor inside the patch', { id: AREA, patch: JSON.parse('{"constructor": {"prototype": {"x": 1}}}') as unknown }, 'patch'],
      ['a deeply nested patch', { id: AREA, patch: nested(3_000) }, 'patch'],
      ...idCases({ patch: { title: 'T' } }, 'id'),
    ],
  },
  'areas.move': {
    valid: { id: AREA, beforeId: null },
    cases: [
      ['no beforeId', { id: AREA }, 'beforeId'],
      ['a numeric beforeId', { id: AREA, beforeId: 0 }, 'beforeId'],
      ['no id', { beforeId: null }, 'id'],
      ...idCases({ beforeId: null }, 'id'),
      ...idCases({ id: AREA }, 'beforeId'),
      ['an unknown beforeId', { id: AREA, beforeId: 'no-such-area' }, /"no-such-area" does not exist/],
    ],
  },
  'areas.setArchived': {
    valid: { id: AREA, archived: true },
    cases: [
      ['no archived flag', { id: AREA }, 'archived'],
      ['archived as a string', { id: AREA, archived: 'yes' }, 'archived'],
      ['archived as a number', { id: AREA, archived: 1 }, 'archived'],
      ['archived as null', { id: AREA, archived: null }, 'archived'],
      ...idCases({ archived: true }, 'id'),
    ],
  },
  'areas.delete': {
    valid: { id: AREA },
    cases: [['no id', {}, 'id'], ['id under another name', { areaId: AREA }, 'payload'], ...idCases({}, 'id')],
  },
  'areas.undelete': {
    valid: { id: AREA },
    cases: [['no id', {}, 'id'], ['a list of ids', { id: [AREA, 'market-access'] }, 'id'], ...idCases({}, 'id')],
  },
  'notes.get': {
    valid: { areaId: AREA },
    cases: [['no areaId', {}, 'areaId'], ['id instead of areaId', { id: AREA }, 'payload'], ...idCases({}, 'areaId')],
  },
  'notes.save': {
    valid: { areaId: AREA, markdown: '# Note' },
    cases: [
      ['no markdown', { areaId: AREA }, 'markdown'],
      ['null markdown', { areaId: AREA, markdown: null }, 'markdown'],
      ['numeric markdown', { areaId: AREA, markdown: 42 }, 'markdown'],
      ['markdown as lines', { areaId: AREA, markdown: ['# a', 'b'] }, 'markdown'],
      ['markdown over the limit', { areaId: AREA, markdown: long(limits.note + 1) }, 'markdown'],
      ['markdown with NUL', { areaId: AREA, markdown: 'text\u0000more' }, 'markdown'],
      ['markdown with an escape character', { areaId: AREA, markdown: 'text\u001b[31m' }, 'markdown'],
      ['a revision from the caller', { areaId: AREA, markdown: 'x', revision: 99 }, 'payload'],
      ...idCases({ markdown: 'x' }, 'areaId'),
    ],
  },
  // ---- sources (issue 3) ----------------------------------------------------
  'sources.list': { valid: {}, cases: [['any field', { deleted: true }, 'payload']] },
  'sources.get': { valid: { id: SOURCE }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
  'sources.importText': {
    valid: { text: 'Officials met.', format: 'text' },
    cases: [
      ['no text', { format: 'text' }, 'text'],
      ['no format', { text: 'x' }, 'format'],
      ['an unknown format', { text: 'x', format: 'pdf' }, 'format'],
      ['text over the limit', { text: long(10_000_001), format: 'text' }, 'text'],
      ['numeric text', { text: 5, format: 'text' }, 'text'],
      ['a two-line file name', { text: 'x', format: 'text', fileName: 'a\nb' }, 'fileName'],
      ['metadata with an unknown field', { text: 'x', format: 'text', metadata: { contentHash: 'f'.repeat(64) } }, 'metadata'],
      ['metadata with a javascript: address', { text: 'x', format: 'text', metadata: { url: 'javascript:alert(1)' } }, 'metadata.url'],
      ['metadata with a bad date', { text: 'x', format: 'text', metadata: { publishedOn: '10/01/2019' } }, 'metadata.publishedOn'],
      ['metadata with an empty title', { text: 'x', format: 'text', metadata: { title: ' ' } }, 'metadata.title'],
      ['blank text', { text: '  \n ', format: 'text' }, /nothing to import/],
      ['a page with no text', { text: '<script>alert(1)</script>', format: 'html' }, /No readable text/],
    ],
  },
  'sources.chooseFiles': { valid: {}, cases: [['a path from the renderer', { path: '/etc/passwd' }, 'payload']] },
  'sources.importFile': {
    valid: { token: 'abc' },
    cases: [
      ['no token', {}, 'token'],
      ['a path instead of a token', { path: '/etc/passwd' }, 'payload'],
      ['an empty token', { token: '' }, 'token'],
      ['an over-long token', { token: long(101) }, 'token'],
      ['an unknown token', { token: '../../etc/passwd' }, /no longer available/],
    ],
  },
  'sources.update': {
    valid: { id: SOURCE, patch: { title: 'T' } },
    cases: [
      ['no patch', { id: SOURCE }, 'patch'],
      ['an empty title', { id: SOURCE, patch: { title: '' } }, 'patch.title'],
      ['an over-long outlet', { id: SOURCE, patch: { outlet: long(201) } }, 'patch.outlet'],
      ['a file: address', { id: SOURCE, patch: { url: 'file:///etc/passwd' } }, 'patch.url'],
      ['a bad language tag', { id: SOURCE, patch: { language: 'english please' } }, 'patch.language'],
      ['a bad direction', { id: SOURCE, patch: { direction: 'up' } }, 'patch.direction'],
      ['a content hash in the patch', { id: SOURCE, patch: { contentHash: 'f'.repeat(64) } }, 'patch'],
      ['deletedAt in the patch', { id: SOURCE, patch: { deletedAt: null } }, 'patch'],
      ...idCases({ patch: { title: 'T' } }, 'id'),
    ],
  },
  'sources.delete': { valid: { id: SOURCE }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
  'sources.undelete': { valid: { id: SOURCE }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
  'sources.dependants': { valid: { id: SOURCE }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
  'sources.backlinks': { valid: { id: SOURCE }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
  'sources.resolve': {
    valid: { refs: [REF] },
    cases: [
      ['no refs', {}, 'refs'],
      ['refs as an object', { refs: REF }, 'refs'],
      ['too many refs', { refs: Array.from({ length: 1_001 }, () => REF) }, 'refs'],
      ['a ref with a traversal id', { refs: [{ sourceId: '../book', annotationId: 'a' }] }, 'refs.0.sourceId'],
      ['a ref with an extra field', { refs: [{ ...REF, quote: 'x' }] }, 'refs.0'],
    ],
  },
  'sources.evidence': { valid: { areaId: AREA }, cases: [['no areaId', {}, 'areaId'], ...idCases({}, 'areaId')] },
  'sources.candidates': {
    valid: { query: '', areaId: null },
    cases: [
      ['no areaId', { query: '' }, 'areaId'],
      ['an over-long query', { query: long(501), areaId: null }, 'query'],
      ['a numeric query', { query: 1, areaId: null }, 'query'],
      ...idCases({ query: '' }, 'areaId'),
    ],
  },
  'annotations.create': {
    valid: { sourceId: SOURCE, selection: SELECTION, color: 'yellow' },
    cases: [
      ['no selection', { sourceId: SOURCE, color: 'yellow' }, 'selection'],
      ['an empty quote', { sourceId: SOURCE, color: 'yellow', selection: { ...SELECTION, exact: '' } }, 'selection.exact'],
      ['an over-long quote', { sourceId: SOURCE, color: 'yellow', selection: { ...SELECTION, exact: long(10_001) } }, 'selection.exact'],
      ['a negative start', { sourceId: SOURCE, color: 'yellow', selection: { ...SELECTION, start: -1 } }, 'selection.start'],
      ['an unknown colour', { sourceId: SOURCE, selection: SELECTION, color: 'red' }, 'color'],
      ['an over-long comment', { sourceId: SOURCE, selection: SELECTION, color: 'yellow', comment: long(20_001) }, 'comment'],
      ['a comment with NUL', { sourceId: SOURCE, selection: SELECTION, color: 'yellow', comment: 'a\u0000b' }, 'comment'],
      ['a bad area id', { sourceId: SOURCE, selection: SELECTION, color: 'yellow', areaIds: ['../x'] }, 'areaIds.0'],
      [
        'too many areas',
        { sourceId: SOURCE, selection: SELECTION, color: 'yellow', areaIds: Array.from({ length: 51 }, (_, i) => `a${i}`) },
        'areaIds',
      ],
      ['a caller-chosen id', { sourceId: SOURCE, selection: SELECTION, color: 'yellow', id: 'mine' }, 'payload'],
      [
        'a quote that is not in the article',
        { sourceId: SOURCE, color: 'yellow', selection: { ...SELECTION, exact: 'no such words anywhere in it' } },
        /could not be found/,
      ],
      ['an unknown area', { sourceId: SOURCE, selection: SELECTION, color: 'yellow', areaIds: ['nope'] }, /no issue area "nope"/],
      ...idCases({ selection: SELECTION, color: 'yellow' }, 'sourceId'),
    ],
  },
  'annotations.update': {
    valid: { sourceId: SOURCE, id: ANNOTATION, patch: { color: 'green' } },
    cases: [
      ['no patch', { sourceId: SOURCE, id: ANNOTATION }, 'patch'],
      ['selectors in the patch', { sourceId: SOURCE, id: ANNOTATION, patch: { target: {} } }, 'patch'],
      ['an unknown colour', { sourceId: SOURCE, id: ANNOTATION, patch: { color: 'black' } }, 'patch.color'],
      ...idCases({ sourceId: SOURCE, patch: { color: 'green' } }, 'id'),
    ],
  },
  'annotations.reattach': {
    valid: { sourceId: SOURCE, id: ANNOTATION, selection: SELECTION },
    cases: [
      ['no selection', { sourceId: SOURCE, id: ANNOTATION }, 'selection'],
      ['a selection with extra fields', { sourceId: SOURCE, id: ANNOTATION, selection: { ...SELECTION, html: '<b>' } }, 'selection'],
      ...idCases({ sourceId: SOURCE, selection: SELECTION }, 'id'),
    ],
  },
  'annotations.delete': {
    valid: { sourceId: SOURCE, id: ANNOTATION },
    cases: [['no sourceId', { id: ANNOTATION }, 'sourceId'], ...idCases({ sourceId: SOURCE }, 'id')],
  },
  'annotations.undelete': {
    valid: { sourceId: SOURCE, id: ANNOTATION },
    cases: [['no id', { sourceId: SOURCE }, 'id'], ...idCases({ id: ANNOTATION }, 'sourceId')],
  },
  'annotations.citations': {
    valid: { sourceId: SOURCE, id: ANNOTATION },
    cases: [['no id', { sourceId: SOURCE }, 'id'], ...idCases({ sourceId: SOURCE }, 'id')],
  },
  'annotations.cite': {
    valid: { areaId: AREA, ref: REF },
    cases: [
      ['no ref', { areaId: AREA }, 'ref'],
      ['a ref as a string', { areaId: AREA, ref: 'cite:src/ann' }, 'ref'],
      ['markdown from the caller', { areaId: AREA, ref: REF, markdown: '[x](javascript:1)' }, 'payload'],
      ...idCases({ ref: REF }, 'areaId'),
    ],
  },
  'search.query': {
    valid: { query: 'tariffs area:tariffs' },
    cases: [
      ['no query', {}, 'query'],
      ['a null query', { query: null }, 'query'],
      ['a numeric query', { query: 42 }, 'query'],
      ['a query as a list of words', { query: ['tariffs', 'deadline'] }, 'query'],
      ['a query as an object', { query: { text: 'tariffs' } }, 'query'],
      ['an over-long query', { query: long(1_001) }, 'query'],
      ['perKind zero', { query: 'x', perKind: 0 }, 'perKind'],
      ['perKind negative', { query: 'x', perKind: -5 }, 'perKind'],
      ['perKind too large', { query: 'x', perKind: 100_000 }, 'perKind'],
      ['perKind fractional', { query: 'x', perKind: 2.5 }, 'perKind'],
      ['perKind NaN', { query: 'x', perKind: Number.NaN }, 'perKind'],
      ['perKind as a string', { query: 'x', perKind: '5' }, 'perKind'],
      ['filters as a separate field', { query: 'x', filters: { kind: 'note' } }, 'payload'],
    ],
  },
  // ---- export (issue 6) ----
  'pdf.export': {
    valid: { jobId: 'job-1', areaIds: null, includeArchived: false, pageSize: 'a4' },
    cases: [
      ['no jobId', { areaIds: null, includeArchived: false, pageSize: 'a4' }, 'jobId'],
      ...idCases({ areaIds: null, includeArchived: false, pageSize: 'a4' }, 'jobId'),
      ['no areaIds', { jobId: 'job-1', includeArchived: false, pageSize: 'a4' }, 'areaIds'],
      ['an empty list of areas', { jobId: 'job-1', areaIds: [], includeArchived: false, pageSize: 'a4' }, 'areaIds'],
      ['areaIds as a string', { jobId: 'job-1', areaIds: 'enforcement', includeArchived: false, pageSize: 'a4' }, 'areaIds'],
      [
        'a traversal id among the areas',
        { jobId: 'job-1', areaIds: ['enforcement', '../book'], includeArchived: false, pageSize: 'a4' },
        'areaIds.1',
      ],
      [
        'too many areas',
        { jobId: 'job-1', areaIds: Array.from({ length: 10_001 }, (_, i) => `a${i}`), includeArchived: false, pageSize: 'a4' },
        'areaIds',
      ],
      ['an unknown page size', { jobId: 'job-1', areaIds: null, includeArchived: false, pageSize: 'a3' }, 'pageSize'],
      ['includeArchived as a string', { jobId: 'job-1', areaIds: null, includeArchived: 'yes', pageSize: 'a4' }, 'includeArchived'],
      [
        'a path from the renderer',
        { jobId: 'job-1', areaIds: null, includeArchived: false, pageSize: 'a4', path: '/etc/passwd' },
        'payload',
      ],
    ],
  },
  'pdf.cancel': {
    valid: { jobId: 'job-1' },
    cases: [['no jobId', {}, 'jobId'], ...idCases({}, 'jobId')],
  },
  'pdf.open': {
    valid: { jobId: 'job-1' },
    cases: [['a path instead of a job', { path: '/etc/passwd' }, 'payload'], ...idCases({}, 'jobId')],
  },
  'pdf.reveal': {
    valid: { jobId: 'job-1' },
    cases: [['no jobId', {}, 'jobId'], ...idCases({}, 'jobId')],
  },
  'backup.exportArchive': {
    valid: {},
    cases: [['a path from the renderer', { path: '/tmp/x.zip' }, 'payload']],
  },
  'backup.chooseArchive': {
    valid: {},
    cases: [['a path from the renderer', { path: '/tmp/x.zip' }, 'payload']],
  },
  'backup.importArchive': {
    valid: { importId: 'import-1', destination: 'beside' },
    cases: [
      ['no destination', { importId: 'import-1' }, 'destination'],
      ['a folder path as destination', { importId: 'import-1', destination: '/tmp/book' }, 'destination'],
      ['a dataDir from the renderer', { importId: 'import-1', destination: 'folder', dataDir: '/tmp/book' }, 'payload'],
      ...idCases({ destination: 'beside' }, 'importId'),
    ],
  },
  'backup.openImported': {
    valid: { importId: 'import-1' },
    cases: [['a folder path', { dataDir: '/tmp/book' }, 'payload'], ...idCases({}, 'importId')],
  },
  'snapshots.list': {
    valid: {},
    cases: [['any field', { all: true }, 'payload']],
  },
  'snapshots.create': {
    valid: {},
    cases: [['a reason from the renderer', { reason: 'start' }, 'payload']],
  },
  'snapshots.inspect': {
    valid: { id: 's-20190110-090000-000-start-abababababab' },
    cases: [...idCases({}, 'id')],
  },
  'snapshots.restore': {
    valid: { id: 's-20190110-090000-000-start-abababababab' },
    cases: [['no id', {}, 'id'], ...idCases({}, 'id'), ['a file name as id', { id: 's-1.zip' }, 'id']],
  },
  // ---- positions side by side -------------------------------------------
  ...positionsCases(),
  ...meetingsCases(),
};

/** Bad payloads every method must refuse, made from its valid payload. */
function genericCases(valid: Record<string, unknown>): Case[] {
  return [
    ['null', null, 'payload'],
    ['a number', 42, 'payload'],
    ['NaN', Number.NaN, 'payload'],
    ['a string', 'enforcement', 'payload'],
    ['true', true, 'payload'],
    ['an empty array', [], 'payload'],
    ['the valid payload in an array', [valid], 'payload'],
    ['an extra field', { ...valid, extra: 1 }, 'payload'],
    ['a __proto__ key', withKey(valid, '__proto__', { polluted: true }), 'payload'],
    ['a constructor key', withKey(valid, 'constructor', { prototype: { polluted: true } }), 'payload'],
    ['a prototype key', withKey(valid, 'prototype', { polluted: true }), 'payload'],
    ['a deeply nested extra field', { ...valid, deep: nested(5_000) }, 'payload'],
  ];
}

const methods = listMethods();

test('every contract method has bad-input cases', () => {
  const names = methods.map((m) => `${m.namespace}.${m.name}`).sort();
  expect(Object.keys(table).sort()).toEqual(names);
  for (const name of names) expect(table[name]?.cases.length ?? 0, name).toBeGreaterThan(0);
});

test('each valid payload is accepted by its schema, so every bad case differs from a good one only where it is bad', () => {
  for (const m of methods) {
    const entry = table[`${m.namespace}.${m.name}`];
    if (!entry) continue;
    expect(m.spec.input.safeParse(entry.valid).success, m.channel).toBe(true);
  }
});

describe('bad input', () => {
  let dir: string;
  let b: Booted;
  let platform: RecordingPlatform;
  let before: Map<string, string>;

  beforeAll(async () => {
    // One folder for the whole block (freshDir would remove it after the first test).
    dir = await tempDir('briefing-bad-');
    platform = new RecordingPlatform();
    const seeded = await boot(dir, { platform });
    await seeded.ok('bb:book.open');
    await seeded.services.shutdown();
    b = await boot(dir, { platform });
    await b.ok('bb:book.open');
    before = await snapshot(dir);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rows = methods.flatMap((m) => {
    const name = `${m.namespace}.${m.name}`;
    const entry = table[name];
    if (!entry) return [];
    return [...genericCases(entry.valid), ...entry.cases].map(
      ([label, payload, names]) => [name, label, m.channel, payload, names] as const,
    );
  });

  test.each(rows)('%s: %s', async (name, _label, channel, payload, names) => {
    const result = await b.call(channel, payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { code, message, details } = result.error;
    expect(code).toBe('invalid_input');
    expect(message.length).toBeGreaterThan(10);
    if (typeof names === 'string') {
      // Refused by the contract's schema: the message names the method, each detail is "path: problem".
      expect(message).toBe(`${name} refused: the request is not valid.`);
      expect(details.length).toBeGreaterThan(0);
      for (const d of details) expect(d).toMatch(/^[\w.]+: \S/);
      expect(
        details.some((d) => d.startsWith(`${names}: `)),
        details.join(' | '),
      ).toBe(true);
    } else {
      // Refused by the service: the message says what is wrong in words.
      expect(`${message} ${details.join(' ')}`).toMatch(names);
    }
    expect(b.internalErrors).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('title');
    expect(await snapshot(dir)).toEqual(before);
  });

  test('nothing reached the desktop and the data folder is byte-for-byte unchanged', async () => {
    expect(platform.confirmed).toEqual([]);
    expect(platform.opened).toEqual([]);
    await b.services.shutdown();
    expect(await snapshot(dir)).toEqual(before);
  });
});

/** The positions, rounds and parties methods. The sample book has these ids. */
function positionsCases(): Record<string, MethodCases> {
  const POINT = 'enf-review';
  const ROUND = 'beijing-2019-01';
  const stance = { text: 'Regular reviews.', kind: 'demand', date: '2019-01-07', roundId: ROUND, evidence: [] };
  const ref = { sourceId: 'ustr-readout', annotationId: 'a-1' };
  const setStance = { areaId: AREA, pointId: POINT, partyId: 'china', stance };
  return {
    'positions.board': {
      valid: { areaId: AREA },
      cases: [['no areaId', {}, 'areaId'], ['id instead of areaId', { id: AREA }, 'payload'], ...idCases({}, 'areaId')],
    },
    'positions.addPoint': {
      valid: { areaId: AREA, title: 'Timelines' },
      cases: [
        ['no title', { areaId: AREA }, 'title'],
        ['a blank title', { areaId: AREA, title: '   ' }, 'title'],
        ['an over-long title', { areaId: AREA, title: long(201) }, 'title'],
        ['a two-line title', { areaId: AREA, title: 'a\nb' }, 'title'],
        ['a status outside the list', { areaId: AREA, title: 'T', status: 'closed' }, 'status'],
        ['an over-long assessment', { areaId: AREA, title: 'T', assessment: long(20_001) }, 'assessment'],
        ['a caller-chosen id', { areaId: AREA, title: 'T', id: 'mine' }, 'payload'],
        ['history from the caller', { areaId: AREA, title: 'T', history: [] }, 'payload'],
        ...idCases({ title: 'T' }, 'areaId'),
        ...idCases({ areaId: AREA, title: 'T' }, 'beforeId'),
        ...idCases({ areaId: AREA, title: 'T' }, 'roundId'),
        [
          'a round that does not exist',
          { areaId: AREA, title: 'T', roundId: 'no-such-round' },
          /The round "no-such-round" does not exist in this book/,
        ],
        ['an unknown beforeId', { areaId: AREA, title: 'T', beforeId: 'no-such-point' }, /"no-such-point" does not exist/],
      ],
    },
    'positions.updatePoint': {
      valid: { areaId: AREA, pointId: POINT, patch: { status: 'narrowing' } },
      cases: [
        ['no patch', { areaId: AREA, pointId: POINT }, 'patch'],
        ['a status outside the list', { areaId: AREA, pointId: POINT, patch: { status: 'done' } }, 'patch.status'],
        ['a numeric status', { areaId: AREA, pointId: POINT, patch: { status: 2 } }, 'patch.status'],
        ['an empty title', { areaId: AREA, pointId: POINT, patch: { title: '' } }, 'patch.title'],
        ['a history in the patch', { areaId: AREA, pointId: POINT, patch: { history: [] } }, 'patch'],
        ['stances in the patch', { areaId: AREA, pointId: POINT, patch: { stances: [] } }, 'patch'],
        ['a deletedAt in the patch', { areaId: AREA, pointId: POINT, patch: { deletedAt: null } }, 'patch'],
        ['an assessment with NUL', { areaId: AREA, pointId: POINT, patch: { assessment: 'a\u0000b' } }, 'patch.assessment'],
        ...idCases({ areaId: AREA, patch: { status: 'open' } }, 'pointId'),
        ...idCases({ pointId: POINT, patch: { status: 'open' } }, 'areaId'),
        [
          'a round that does not exist',
          { areaId: AREA, pointId: POINT, patch: { status: 'agreed' }, roundId: 'round-99' },
          /"round-99" does not exist in this book/,
        ],
      ],
    },
    'positions.setStance': {
      valid: setStance,
      cases: [
        ['no stance', { areaId: AREA, pointId: POINT, partyId: 'china' }, 'stance'],
        ['no partyId', { areaId: AREA, pointId: POINT, stance }, 'partyId'],
        ['a stance kind outside the list', { ...setStance, stance: { ...stance, kind: 'ultimatum' } }, 'stance.kind'],
        ['a stance kind in capitals', { ...setStance, stance: { ...stance, kind: 'Demand' } }, 'stance.kind'],
        ['no kind', { ...setStance, stance: { text: 'x', date: null, roundId: null, evidence: [] } }, 'stance.kind'],
        ['stance text over the limit', { ...setStance, stance: { ...stance, text: long(20_001) } }, 'stance.text'],
        ['stance text with an escape character', { ...setStance, stance: { ...stance, text: 'a\u001b[31m' } }, 'stance.text'],
        ['a date that is no date', { ...setStance, stance: { ...stance, date: '2019-02-30' } }, 'stance.date'],
        ['a date with a time', { ...setStance, stance: { ...stance, date: '2019-01-07T10:00:00Z' } }, 'stance.date'],
        ['evidence as a string', { ...setStance, stance: { ...stance, evidence: 'ustr-readout/a-1' } }, 'stance.evidence'],
        [
          'evidence with a traversal id',
          { ...setStance, stance: { ...stance, evidence: [{ ...ref, sourceId: '../book' }] } },
          'stance.evidence.0.sourceId',
        ],
        [
          'evidence with a quote of its own',
          { ...setStance, stance: { ...stance, evidence: [{ ...ref, quote: 'forged' }] } },
          'stance.evidence.0',
        ],
        [
          'too much evidence',
          { ...setStance, stance: { ...stance, evidence: Array.from({ length: 31 }, (_, i) => ({ ...ref, annotationId: `a-${i}` })) } },
          'stance.evidence',
        ],
        ['an updatedAt from the caller', { ...setStance, stance: { ...stance, updatedAt: '2019-01-01T00:00:00.000Z' } }, 'stance'],
        ...idCases({ areaId: AREA, pointId: POINT, stance }, 'partyId'),
        ...idCases({ areaId: AREA, partyId: 'china', stance }, 'pointId'),
        ['an unknown party id', { ...setStance, partyId: 'european-union' }, /There is no party "european-union" in this book/],
        [
          'a round that does not exist, on the stance',
          { ...setStance, stance: { ...stance, roundId: 'round-99' } },
          /The round of this stance "round-99" does not exist/,
        ],
        ['a round that does not exist, for the record', { ...setStance, roundId: 'round-99' }, /"round-99" does not exist in this book/],
        [
          'evidence that does not exist',
          { ...setStance, stance: { ...stance, evidence: [ref] } },
          /a-1 in source ustr-readout does not exist/,
        ],
      ],
    },
    'positions.movePoint': {
      valid: { areaId: AREA, pointId: POINT, beforeId: null },
      cases: [
        ['no beforeId', { areaId: AREA, pointId: POINT }, 'beforeId'],
        ...idCases({ areaId: AREA, beforeId: null }, 'pointId'),
        ...idCases({ areaId: AREA, pointId: POINT }, 'beforeId'),
        ['an unknown beforeId', { areaId: AREA, pointId: POINT, beforeId: 'no-such-point' }, /"no-such-point" does not exist/],
      ],
    },
    'positions.deletePoint': {
      valid: { areaId: AREA, pointId: POINT },
      cases: [
        ['no pointId', { areaId: AREA }, 'pointId'],
        ...idCases({ areaId: AREA }, 'pointId'),
        ...idCases({ pointId: POINT }, 'areaId'),
      ],
    },
    'positions.restorePoint': {
      valid: { areaId: AREA, pointId: POINT },
      cases: [['a list of points', { areaId: AREA, pointId: [POINT] }, 'pointId'], ...idCases({ areaId: AREA }, 'pointId')],
    },
    'positions.history': {
      valid: { areaId: AREA, pointId: POINT },
      cases: [['no areaId', { pointId: POINT }, 'areaId'], ...idCases({ areaId: AREA }, 'pointId')],
    },
    'positions.changesSince': {
      valid: { roundId: ROUND },
      cases: [
        ['no roundId', {}, 'roundId'],
        ['a null roundId', { roundId: null }, 'roundId'],
        ...idCases({}, 'roundId'),
        ...idCases({ roundId: ROUND }, 'areaId'),
        ['a round that does not exist', { roundId: 'round-99' }, /The round "round-99" does not exist in this book/],
      ],
    },
    'positions.overview': {
      valid: {},
      cases: [
        ['statuses as a string', { statuses: 'open' }, 'statuses'],
        ['a status outside the list', { statuses: ['open', 'won'] }, 'statuses.1'],
        ['a priority outside the list', { priorities: ['urgent'] }, 'priorities.0'],
        ['an over-long tag', { tags: [long(41)] }, 'tags.0'],
        ['a negative offset', { offset: -1 }, 'offset'],
        ['a fractional offset', { offset: 1.5 }, 'offset'],
        ['a limit of zero', { limit: 0 }, 'limit'],
        ['a huge limit', { limit: 100_000 }, 'limit'],
      ],
    },
    'positions.evidenceCandidates': {
      valid: { areaId: AREA, query: 'enforcement' },
      cases: [
        ['no query', { areaId: AREA }, 'query'],
        ['an over-long query', { areaId: AREA, query: long(201) }, 'query'],
        ['a two-line query', { areaId: AREA, query: 'a\nb' }, 'query'],
        ...idCases({ query: '' }, 'areaId'),
      ],
    },
    'rounds.list': { valid: {}, cases: [['any field', { all: true }, 'payload']] },
    'rounds.create': {
      valid: { name: 'Washington talks', startDate: '2019-01-30', endDate: '2019-01-31' },
      cases: [
        ['no name', { startDate: '2019-01-30', endDate: '2019-01-31' }, 'name'],
        ['a blank name', { name: ' ', startDate: '2019-01-30', endDate: '2019-01-31' }, 'name'],
        ['an over-long name', { name: long(161), startDate: '2019-01-30', endDate: '2019-01-31' }, 'name'],
        ['no start date', { name: 'R', endDate: '2019-01-31' }, 'startDate'],
        ['a date in another format', { name: 'R', startDate: '30/01/2019', endDate: '2019-01-31' }, 'startDate'],
        ['a date that is no date', { name: 'R', startDate: '2019-01-30', endDate: '2019-13-01' }, 'endDate'],
        ['a numeric date', { name: 'R', startDate: 20190130, endDate: '2019-01-31' }, 'startDate'],
        ['an over-long place', { name: 'R', startDate: '2019-01-30', endDate: '2019-01-31', place: long(161) }, 'place'],
        ['a caller-chosen id', { id: 'mine', name: 'R', startDate: '2019-01-30', endDate: '2019-01-31' }, 'payload'],
        [
          'an end before the start',
          { name: 'R', startDate: '2019-02-01', endDate: '2019-01-31' },
          /cannot end \(2019-01-31\) before it starts/,
        ],
        [
          'a name already used',
          { name: 'BEIJING vice-ministerial talks', startDate: '2019-02-01', endDate: '2019-02-01' },
          /already a round called/,
        ],
      ],
    },
    'rounds.update': {
      valid: { id: ROUND, patch: { place: 'Beijing' } },
      cases: [
        ['no patch', { id: ROUND }, 'patch'],
        ['an empty name', { id: ROUND, patch: { name: '' } }, 'patch.name'],
        ['a bad date', { id: ROUND, patch: { startDate: 'Jan 7' } }, 'patch.startDate'],
        ['an id in the patch', { id: ROUND, patch: { id: 'other' } }, 'patch'],
        ['a createdAt in the patch', { id: ROUND, patch: { createdAt: '2019-01-01T00:00:00.000Z' } }, 'patch'],
        ...idCases({ patch: {} }, 'id'),
        ['an end before the start', { id: ROUND, patch: { endDate: '2019-01-01' } }, /cannot end/],
      ],
    },
    'rounds.delete': {
      valid: { id: ROUND },
      cases: [['no id', {}, 'id'], ...idCases({}, 'id')],
    },
    'rounds.setCurrent': {
      valid: { id: ROUND },
      cases: [
        ['no id', {}, 'id'],
        ...idCases({}, 'id'),
        ['a round that does not exist', { id: 'round-99' }, /The round "round-99" does not exist in this book/],
      ],
    },
    'parties.list': { valid: {}, cases: [['any field', { archived: true }, 'payload']] },
    'parties.restore': {
      valid: { id: 'china' },
      cases: [['no id', {}, 'id'], ['a party object', { id: { id: 'china' } }, 'id'], ...idCases({}, 'id')],
    },
    'parties.archivedStances': {
      valid: { id: 'china' },
      cases: [['no id', {}, 'id'], ...idCases({}, 'id')],
    },
  };
}

/** The meetings and timeline methods (issue 7). The sample book has this meeting, item and event. */
function meetingsCases(): Record<string, MethodCases> {
  const MEETING = 'm-washington-plenary';
  const ITEM = 'i-ftt';
  const EVENT = 'e-tariff-deadline';
  const meeting = { title: 'Working group', date: '2019-01-31', time: '09:00', timeZone: 'Asia/Shanghai' };
  const followUp = { meetingId: MEETING, text: 'Send the paper', owner: 'Lead', due: '2019-01-20', state: 'open', itemId: null };
  const event = { title: 'Tariffs rise', date: '2019-03-02', kind: 'deadline' };
  return {
    'meetings.list': { valid: {}, cases: [['any field', { all: true }, 'payload']] },
    'meetings.get': { valid: { id: MEETING }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
    'meetings.brief': { valid: { id: MEETING }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
    'meetings.exportBrief': {
      valid: { id: MEETING, pageSize: 'a4' },
      cases: [
        ['a page size outside the list', { id: MEETING, pageSize: 'a3' }, 'pageSize'],
        ['no page size', { id: MEETING }, 'pageSize'],
        ['a reader zone with a path', { id: MEETING, pageSize: 'a4', viewerZone: '../../etc' }, 'viewerZone'],
        ...idCases({ pageSize: 'a4' }, 'id'),
      ],
    },
    'meetings.create': {
      valid: meeting,
      cases: [
        ['no title', { ...meeting, title: undefined }, 'title'],
        ['a two-line title', { ...meeting, title: 'a\nb' }, 'title'],
        ['a time of 25:00', { ...meeting, time: '25:00' }, 'time'],
        ['a time with seconds', { ...meeting, time: '09:00:00' }, 'time'],
        ['a time zone with spaces', { ...meeting, timeZone: 'Beijing time' }, 'timeZone'],
        ['a time zone with a path', { ...meeting, timeZone: '../etc/zoneinfo' }, 'timeZone'],
        ['a format outside the list', { ...meeting, format: 'dinner' }, 'format'],
        ['a negative duration', { ...meeting, durationMinutes: -5 }, 'durationMinutes'],
        ['a caller-chosen id', { ...meeting, id: 'mine' }, 'payload'],
        ['an agenda from the caller', { ...meeting, agenda: [] }, 'payload'],
        ['an unknown time zone', { ...meeting, timeZone: 'Mars/Olympus_Mons' }, /"Mars\/Olympus_Mons" is not a time zone/],
        ['an impossible date', { ...meeting, date: '2019-02-30' }, /"2019-02-30" is not a date/],
        ['a date in another format', { ...meeting, date: '31/01/2019' }, /"31\/01\/2019" is not a date/],
        ['a round that does not exist', { ...meeting, roundId: 'no-such-round' }, /The round "no-such-round" does not exist/],
        [
          'a participant for a party not in the book',
          { ...meeting, participants: [{ name: 'X', role: '', partyId: 'japan' }] },
          /The party "japan" is not in this book/,
        ],
        [
          'a participant without a name',
          { ...meeting, participants: [{ name: ' ', role: '', partyId: 'china' }] },
          /participant name cannot be empty/,
        ],
        ...idCases(meeting, 'roundId'),
      ],
    },
    'meetings.update': {
      valid: { id: MEETING, patch: { place: 'Washington' } },
      cases: [
        ['no patch', { id: MEETING }, 'patch'],
        ['an agenda in the patch', { id: MEETING, patch: { agenda: [] } }, 'patch'],
        ['a followUps list in the patch', { id: MEETING, patch: { followUps: [] } }, 'patch'],
        ['an unknown time zone', { id: MEETING, patch: { timeZone: 'Atlantis/Capital' } }, /"Atlantis\/Capital" is not a time zone/],
        ['an impossible date', { id: MEETING, patch: { date: '2019-13-01' } }, /"2019-13-01" is not a date/],
        ...idCases({ patch: { place: 'X' } }, 'id'),
      ],
    },
    'meetings.delete': { valid: { id: MEETING }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
    'meetings.restore': { valid: { id: MEETING }, cases: [['no id', {}, 'id'], ...idCases({}, 'id')] },
    'meetings.addItem': {
      valid: { meetingId: MEETING, beforeId: null, item: { areaId: 'enforcement' } },
      cases: [
        ['no item', { meetingId: MEETING, beforeId: null }, 'item'],
        ['negative minutes', { meetingId: MEETING, beforeId: null, item: { title: 'T', minutes: -1 } }, 'item.minutes'],
        ['an id in the item', { meetingId: MEETING, beforeId: null, item: { id: 'x', title: 'T' } }, 'item'],
        [
          'an area that was deleted or never existed',
          { meetingId: MEETING, beforeId: null, item: { areaId: 'no-such-area' } },
          /The issue area "no-such-area" does not exist/,
        ],
        ['a free item without a title', { meetingId: MEETING, beforeId: null, item: { areaId: null } }, /A free agenda item needs a title/],
        ...idCases({ beforeId: null, item: { title: 'T' } }, 'meetingId'),
      ],
    },
    'meetings.updateItem': {
      valid: { meetingId: MEETING, itemId: ITEM, patch: { minutes: 20 } },
      cases: [
        ['talking points with NUL', { meetingId: MEETING, itemId: ITEM, patch: { talkingPoints: 'a\u0000b' } }, 'patch.talkingPoints'],
        ['over-long talking points', { meetingId: MEETING, itemId: ITEM, patch: { talkingPoints: long(20_001) } }, 'patch.talkingPoints'],
        ...idCases({ meetingId: MEETING, patch: { minutes: 5 } }, 'itemId'),
      ],
    },
    'meetings.moveItem': {
      valid: { meetingId: MEETING, itemId: ITEM, beforeId: null },
      cases: [
        ['no beforeId', { meetingId: MEETING, itemId: ITEM }, 'beforeId'],
        ...idCases({ meetingId: MEETING, beforeId: null }, 'itemId'),
      ],
    },
    'meetings.removeItem': {
      valid: { meetingId: MEETING, itemId: ITEM },
      cases: [['no itemId', { meetingId: MEETING }, 'itemId'], ...idCases({ meetingId: MEETING }, 'itemId')],
    },
    'meetings.saveFollowUp': {
      valid: followUp,
      cases: [
        ['a state outside the list', { ...followUp, state: 'late' }, 'state'],
        ['no text', { ...followUp, text: undefined }, 'text'],
        ['an impossible due date', { ...followUp, due: '2019-02-29' }, /The due date "2019-02-29" is not a date/],
        ['an empty follow-up', { ...followUp, text: '  ' }, /A follow-up cannot be empty/],
        ...idCases(followUp, 'meetingId'),
      ],
    },
    'meetings.removeFollowUp': {
      valid: { meetingId: MEETING, followUpId: 'f-none' },
      cases: [['no followUpId', { meetingId: MEETING }, 'followUpId'], ...idCases({ meetingId: MEETING }, 'followUpId')],
    },
    'timeline.list': { valid: {}, cases: [['any field', { from: '2019-01-01' }, 'payload']] },
    'timeline.upcoming': { valid: {}, cases: [['any field', { days: 30 }, 'payload']] },
    'timeline.createEvent': {
      valid: event,
      cases: [
        ['a kind outside the list', { ...event, kind: 'holiday' }, 'kind'],
        ['no date', { ...event, date: undefined }, 'date'],
        ['an impossible date', { ...event, date: '2019-02-31' }, /The event date "2019-02-31" is not a date/],
        ['a blank title', { ...event, title: ' ' }, /An event title cannot be empty/],
        ['a link to a deleted area', { ...event, links: { areaIds: ['no-such-area'] } }, /The issue area "no-such-area" does not exist/],
        ['a source id with a path', { ...event, links: { sourceIds: ['../x'] } }, 'links.sourceIds.0'],
      ],
    },
    'timeline.updateEvent': {
      valid: { id: EVENT, patch: { notes: 'x' } },
      cases: [
        ['an impossible date', { id: EVENT, patch: { date: '2019-00-10' } }, /"2019-00-10" is not a date/],
        ...idCases({ patch: { notes: 'x' } }, 'id'),
      ],
    },
    'timeline.deleteEvent': {
      valid: { id: EVENT },
      cases: [['no id', {}, 'id'], ...idCases({}, 'id')],
    },
  };
}
