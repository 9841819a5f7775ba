import fc from 'fast-check';
import { limits } from '../../electron/core/model/common';
import { QUERY_MAX } from '../../electron/core/search/schemas';
import { exportFuzz, positionsFuzz } from './apiFuzzFeatures';
import { anyId, priorities, statuses, text } from './fuzzValues';
import { sampleSources } from '../../electron/core/sample/sampleSources';
import { annotationColors, sourceKinds, sourceLimits } from '../../electron/core/sources/model';

/**
 * How the API fuzzer (tests/services/apiFuzz.test.ts) builds payloads for each
 * method of the contract: the fields of a valid payload, each with its kind,
 * and an arbitrary for payloads of the right shape with random content. From
 * the fields it makes hostile payloads: wrong types, missing and extra fields,
 * huge strings and arrays, deep nesting, __proto__ and constructor keys, NaN,
 * Infinity and negative numbers, and path traversal in every id and URL.
 *
 * A new method adds its entry here; the test fails for a method without one.
 */
export type FieldKind =
  | { readonly kind: 'id' }
  | { readonly kind: 'nullableId' }
  /** One line of text; `nullable` when null is a valid value (then it is not offered as a hostile one). */
  | { readonly kind: 'line'; readonly max: number; readonly nullable?: boolean }
  | { readonly kind: 'block'; readonly max: number }
  /** Any text up to a length, control characters included (a search query). */
  | { readonly kind: 'text'; readonly max: number }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'bool' }
  | { readonly kind: 'tags' }
  | { readonly kind: 'url' }
  | { readonly kind: 'token' }
  | { readonly kind: 'parties' }
  | { readonly kind: 'patch' }
  /** A calendar day, YYYY-MM-DD. */
  | { readonly kind: 'date' }
  /** An object with known fields and no others (a stance, a point or round patch). */
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, FieldSpec>>; readonly nullable?: boolean }
  /** An array of at most max items of one kind. */
  | { readonly kind: 'list'; readonly of: FieldKind; readonly max: number };

export interface FieldSpec {
  readonly type: FieldKind;
  readonly required: boolean;
}

export interface MethodFuzz {
  /** The payload's fields. An empty object means the method takes no input. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /** Payloads of the right shape with random content (which may still be refused, with a clear error). */
  readonly valid: fc.Arbitrary<Record<string, unknown>>;
}

// ---- sources (issue 3) ----
const sourceId = fc.constantFrom(...sampleSources.map((src) => src.id), 'no-such-source');
const annotationId = fc.constantFrom(...sampleSources.flatMap((src) => src.annotations.map((a) => a.id)), 'no-such-annotation');
const ref = fc.record({ sourceId, annotationId });
const metaPatch = fc.record(
  {
    title: text(sourceLimits.title),
    outlet: text(sourceLimits.outlet),
    author: text(200),
    publishedOn: fc.option(fc.constantFrom('2019-01-09', '2019-01-10', '2019-02-30')),
    url: fc.oneof(fc.constant(''), fc.webUrl()),
    language: fc.constantFrom('', 'en', 'zh-CN', 'ar'),
    direction: fc.constantFrom('ltr', 'rtl'),
  },
  { requiredKeys: [] },
);
/** A selection as the reader sends it; random offsets and text are refused unless they match the article. */
const selection = fc
  .record({
    exact: text(300),
    prefix: text(sourceLimits.context),
    suffix: text(sourceLimits.context),
    start: fc.nat(5_000),
    len: fc.nat(300),
  })
  .map(({ len, ...rest }) => ({ ...rest, end: rest.start + len + 1 }));
const annotationContent = {
  color: fc.constantFrom(...annotationColors),
  comment: text(2_000),
  areaIds: fc.array(anyId, { maxLength: 3 }),
};
const objectField = { type: { kind: 'patch' }, required: true } as const;
const sourceIdField = { id: { type: { kind: 'id' }, required: true } } as const;
const annotationRefFields = { sourceId: { type: { kind: 'id' }, required: true }, id: { type: { kind: 'id' }, required: true } } as const;

const patchFields = {
  title: { type: { kind: 'line', max: limits.title }, required: false },
  summary: { type: { kind: 'block', max: limits.summary }, required: false },
  status: { type: { kind: 'enum', values: statuses }, required: false },
  priority: { type: { kind: 'enum', values: priorities }, required: false },
  tags: { type: { kind: 'tags' }, required: false },
} as const satisfies Record<string, FieldSpec>;

const areaContent = fc.record(
  {
    title: text(limits.title),
    summary: text(300),
    status: fc.constantFrom(...statuses),
    priority: fc.constantFrom(...priorities),
    tags: fc.array(text(limits.tag), { maxLength: 6 }),
  },
  { requiredKeys: [] },
);

export const apiFuzz: Record<string, MethodFuzz> = {
  'app.info': { fields: {}, valid: fc.constant({}) },
  'app.flushed': {
    fields: { requestId: { type: { kind: 'token' }, required: true } },
    valid: fc.record({ requestId: fc.string({ minLength: 1, maxLength: 100 }) }),
  },
  'app.openExternal': {
    fields: { url: { type: { kind: 'url' }, required: true } },
    valid: fc.record({ url: fc.webUrl({ withQueryParameters: true, withFragments: true }) }),
  },
  'book.open': { fields: {}, valid: fc.constant({}) },
  'book.notices': { fields: {}, valid: fc.constant({}) },
  'book.updateSettings': {
    fields: {
      title: { type: { kind: 'line', max: limits.bookTitle }, required: false },
      marking: { type: { kind: 'line', max: limits.marking }, required: false },
      preparedFor: { type: { kind: 'line', max: limits.personLine }, required: false },
      preparedBy: { type: { kind: 'line', max: limits.personLine }, required: false },
      parties: { type: { kind: 'parties' }, required: false },
    },
    valid: fc.record(
      {
        title: text(limits.bookTitle),
        marking: text(limits.marking),
        preparedFor: text(80),
        preparedBy: text(80),
        parties: fc.array(
          fc.record({ id: fc.constantFrom('united-states', 'china', 'japan'), name: text(limits.partyName) }, { requiredKeys: ['name'] }),
          { minLength: 2, maxLength: 5 },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  'areas.create': {
    fields: {
      title: { type: { kind: 'line', max: limits.title }, required: true },
      summary: patchFields.summary,
      status: patchFields.status,
      priority: patchFields.priority,
      tags: patchFields.tags,
      beforeId: { type: { kind: 'nullableId' }, required: false },
    },
    valid: fc
      .tuple(text(limits.title), areaContent, fc.option(anyId))
      .map(([title, rest, beforeId]) => ({ ...rest, title, ...(beforeId === null ? {} : { beforeId }) })),
  },
  'areas.update': {
    fields: { id: { type: { kind: 'id' }, required: true }, patch: { type: { kind: 'patch' }, required: true } },
    valid: fc.record({ id: anyId, patch: areaContent }),
  },
  'areas.move': {
    fields: { id: { type: { kind: 'id' }, required: true }, beforeId: { type: { kind: 'nullableId' }, required: true } },
    valid: fc.record({ id: anyId, beforeId: fc.option(anyId) }),
  },
  'areas.setArchived': {
    fields: { id: { type: { kind: 'id' }, required: true }, archived: { type: { kind: 'bool' }, required: true } },
    valid: fc.record({ id: anyId, archived: fc.boolean() }),
  },
  'areas.delete': { fields: { id: { type: { kind: 'id' }, required: true } }, valid: fc.record({ id: anyId }) },
  'areas.undelete': { fields: { id: { type: { kind: 'id' }, required: true } }, valid: fc.record({ id: anyId }) },
  'notes.get': { fields: { areaId: { type: { kind: 'id' }, required: true } }, valid: fc.record({ areaId: anyId }) },
  'search.query': {
    fields: {
      query: { type: { kind: 'text', max: QUERY_MAX }, required: true },
      perKind: { type: { kind: 'int', min: 1, max: 200 }, required: false },
    },
    valid: fc.record({ query: text(200), perKind: fc.integer({ min: 1, max: 200 }) }, { requiredKeys: ['query'] }),
  },
  'notes.save': {
    fields: { areaId: { type: { kind: 'id' }, required: true }, markdown: { type: { kind: 'block', max: limits.note }, required: true } },
    valid: fc.record({ areaId: anyId, markdown: text(3_000) }),
  },
  // ---- export (issue 6) and positions (issue 5): tests/reliability/apiFuzzFeatures.ts ----
  ...exportFuzz,
  ...positionsFuzz,
  // ---- meetings and timeline (issue 7) ----
  ...meetingsFuzz(),
  // ---- sources (issue 3) ----
  'sources.list': { fields: {}, valid: fc.constant({}) },
  'sources.get': { fields: sourceIdField, valid: fc.record({ id: sourceId }) },
  'sources.importText': {
    fields: {
      // Pasted text may hold any character; only its length is limited.
      text: { type: { kind: 'text', max: sourceLimits.fileBytes }, required: true },
      format: { type: { kind: 'enum', values: sourceKinds }, required: true },
      fileName: { type: { kind: 'line', max: sourceLimits.fileName, nullable: true }, required: false },
      metadata: { type: { kind: 'patch' }, required: false },
    },
    valid: fc.record(
      { text: text(2_000), format: fc.constantFrom(...sourceKinds), fileName: fc.option(text(100)), metadata: metaPatch },
      { requiredKeys: ['text', 'format'] },
    ),
  },
  'sources.chooseFiles': { fields: {}, valid: fc.constant({}) },
  'sources.importFile': {
    fields: { token: { type: { kind: 'token' }, required: true } },
    valid: fc.record({ token: fc.string({ minLength: 1, maxLength: 100 }) }),
  },
  'sources.update': {
    fields: { ...sourceIdField, patch: objectField },
    valid: fc.record({ id: sourceId, patch: metaPatch }),
  },
  'sources.delete': { fields: sourceIdField, valid: fc.record({ id: sourceId }) },
  'sources.undelete': { fields: sourceIdField, valid: fc.record({ id: sourceId }) },
  'sources.dependants': { fields: sourceIdField, valid: fc.record({ id: sourceId }) },
  'sources.backlinks': { fields: sourceIdField, valid: fc.record({ id: sourceId }) },
  // A list of references: its hostile values (not a list, too long, wrong items) are those of a tag list.
  'sources.resolve': {
    fields: { refs: { type: { kind: 'tags' }, required: true } },
    valid: fc.record({ refs: fc.array(ref, { maxLength: 20 }) }),
  },
  'sources.evidence': { fields: { areaId: { type: { kind: 'id' }, required: true } }, valid: fc.record({ areaId: anyId }) },
  'sources.candidates': {
    fields: { query: { type: { kind: 'text', max: 500 }, required: true }, areaId: { type: { kind: 'nullableId' }, required: true } },
    valid: fc.record({ query: text(100), areaId: fc.option(anyId) }),
  },
  'annotations.create': {
    fields: {
      sourceId: { type: { kind: 'id' }, required: true },
      selection: objectField,
      color: { type: { kind: 'enum', values: annotationColors }, required: true },
      comment: { type: { kind: 'block', max: sourceLimits.comment }, required: false },
      areaIds: { type: { kind: 'tags' }, required: false },
    },
    valid: fc.record({ sourceId, selection, ...annotationContent }, { requiredKeys: ['sourceId', 'selection', 'color'] }),
  },
  'annotations.update': {
    fields: { ...annotationRefFields, patch: objectField },
    valid: fc.record({ sourceId, id: annotationId, patch: fc.record(annotationContent, { requiredKeys: [] }) }),
  },
  'annotations.reattach': {
    fields: { ...annotationRefFields, selection: objectField },
    valid: fc.record({ sourceId, id: annotationId, selection }),
  },
  'annotations.delete': { fields: annotationRefFields, valid: fc.record({ sourceId, id: annotationId }) },
  'annotations.undelete': { fields: annotationRefFields, valid: fc.record({ sourceId, id: annotationId }) },
  'annotations.citations': { fields: annotationRefFields, valid: fc.record({ sourceId, id: annotationId }) },
  'annotations.cite': {
    fields: { areaId: { type: { kind: 'id' }, required: true }, ref: objectField },
    valid: fc.record({ areaId: anyId, ref }),
  },
};

/** Meetings and the timeline (issue 7): ids from the sample book's meetings, zones real and not. */
function meetingsFuzz(): Record<string, MethodFuzz> {
  const meetingId = fc.constantFrom('m-washington-plenary', 'm-deputies-call', 'm-beijing-closing', 'm-none');
  const itemId = fc.constantFrom('i-ftt', 'i-enf', 'i-next', 'i-none');
  const date = fc.oneof(
    fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    text(12),
  );
  const zone = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'UTC', 'Europe/Brussels', 'Mars/Base', 'Etc/GMT+5');
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const id = { type: { kind: 'id' }, required: true } as const;
  const itemPatch = fc.record(
    {
      title: text(100),
      talkingPoints: text(2_000),
      asks: text(300),
      offers: text(300),
      questions: text(300),
      outcome: text(300),
      minutes: fc.integer({ min: 0, max: 600 }),
    },
    { requiredKeys: [] },
  );
  const meetingFields = {
    title: { type: { kind: 'line', max: 200 }, required: true },
    date: { type: { kind: 'text', max: 40 }, required: true },
    time: { type: { kind: 'token' }, required: true },
    timeZone: { type: { kind: 'token' }, required: true },
    format: { type: { kind: 'enum', values: ['plenary', 'working-group', 'leaders', 'call'] }, required: false },
    place: { type: { kind: 'line', max: 200 }, required: false },
    roundId: { type: { kind: 'nullableId' }, required: false },
  } as const satisfies Record<string, FieldSpec>;
  const meeting = fc.record({
    title: text(200),
    date,
    time,
    timeZone: zone,
    format: fc.constantFrom('plenary', 'working-group', 'leaders', 'call'),
    place: text(100),
  });
  const event = fc.record({ title: text(200), date, kind: fc.constantFrom('deadline', 'event'), notes: text(500) });
  return {
    'meetings.list': { fields: {}, valid: fc.constant({}) },
    'meetings.get': { fields: { id }, valid: fc.record({ id: meetingId }) },
    'meetings.brief': { fields: { id }, valid: fc.record({ id: meetingId }) },
    'meetings.exportBrief': {
      fields: { id, pageSize: { type: { kind: 'enum', values: ['a4', 'letter'] }, required: true } },
      valid: fc.record({ id: meetingId, pageSize: fc.constantFrom('a4', 'letter') }),
    },
    'meetings.create': { fields: meetingFields, valid: meeting },
    'meetings.update': {
      fields: { id, patch: { type: { kind: 'patch' }, required: true } },
      valid: fc.record({
        id: meetingId,
        patch: fc.record({ title: text(200), place: text(100), timeZone: zone, date }, { requiredKeys: [] }),
      }),
    },
    'meetings.delete': { fields: { id }, valid: fc.record({ id: meetingId }) },
    'meetings.restore': { fields: { id }, valid: fc.record({ id: meetingId }) },
    'meetings.addItem': {
      fields: {
        meetingId: id,
        beforeId: { type: { kind: 'nullableId' }, required: true },
        item: { type: { kind: 'patch' }, required: true },
      },
      valid: fc.record({
        meetingId,
        beforeId: fc.option(itemId),
        item: fc.tuple(itemPatch, fc.option(anyId)).map(([p, areaId]) => ({ ...p, areaId })),
      }),
    },
    'meetings.updateItem': {
      fields: { meetingId: id, itemId: id, patch: { type: { kind: 'patch' }, required: true } },
      valid: fc.record({ meetingId, itemId, patch: itemPatch }),
    },
    'meetings.moveItem': {
      fields: { meetingId: id, itemId: id, beforeId: { type: { kind: 'nullableId' }, required: true } },
      valid: fc.record({ meetingId, itemId, beforeId: fc.option(itemId) }),
    },
    'meetings.removeItem': { fields: { meetingId: id, itemId: id }, valid: fc.record({ meetingId, itemId }) },
    'meetings.saveFollowUp': {
      fields: {
        meetingId: id,
        text: { type: { kind: 'line', max: 1_000 }, required: true },
        owner: { type: { kind: 'line', max: 120 }, required: true },
        // A date or null: the hostile values of a nullable id (paths, over-long strings, wrong types) fit it.
        due: { type: { kind: 'nullableId' }, required: true },
        state: { type: { kind: 'enum', values: ['open', 'in-progress', 'done', 'dropped'] }, required: true },
        itemId: { type: { kind: 'nullableId' }, required: true },
      },
      valid: fc.record({
        meetingId,
        text: text(200),
        owner: text(60),
        due: fc.option(date),
        state: fc.constantFrom('open', 'in-progress', 'done', 'dropped'),
        itemId: fc.option(itemId),
      }),
    },
    'meetings.removeFollowUp': {
      fields: { meetingId: id, followUpId: id },
      valid: fc.record({ meetingId, followUpId: fc.constantFrom('f-text', 'f-none') }),
    },
    'timeline.list': { fields: {}, valid: fc.constant({}) },
    'timeline.upcoming': { fields: {}, valid: fc.constant({}) },
    'timeline.createEvent': {
      fields: {
        title: { type: { kind: 'line', max: 200 }, required: true },
        date: { type: { kind: 'text', max: 40 }, required: true },
        kind: { type: { kind: 'enum', values: ['deadline', 'event'] }, required: true },
        notes: { type: { kind: 'block', max: 4_000 }, required: false },
      },
      valid: event,
    },
    'timeline.updateEvent': {
      fields: { id, patch: { type: { kind: 'patch' }, required: true } },
      valid: fc.record({
        id: fc.constantFrom('e-tariff-deadline', 'e-none'),
        patch: fc.record({ title: text(200), notes: text(300), date }, { requiredKeys: [] }),
      }),
    },
    'timeline.deleteEvent': { fields: { id }, valid: fc.record({ id: fc.constantFrom('e-tariff-deadline', 'e-none') }) },
  };
}

// ---- hostile values -------------------------------------------------------

/** Nested objects or arrays, thousands of levels deep. */
const deep = fc.integer({ min: 100, max: 5_000 }).chain((depth) =>
  fc.boolean().map((arrays) => {
    let value: unknown = { leaf: true };
    for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { a: value };
    return value;
  }),
);

const numbers = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, -0, 0, 1e308, Number.MIN_SAFE_INTEGER),
  fc.integer(),
  fc.double(),
);

/** Values of the wrong type for a string field. */
const notAString = fc.oneof(
  numbers,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
  deep,
);

export const traversals = [
  '../book',
  '..',
  '../../../../etc/passwd',
  '..\\..\\Windows\\win.ini',
  '/etc/passwd',
  'C:\\Users\\Public',
  '\\\\server\\share\\book.json',
  'areas/../book',
  '%2e%2e%2fbook',
  '..%2fbook',
  'book.json',
  'enforcement\u0000.json',
  'enforcement/../../x',
  'file:///etc/passwd',
  '~/.ssh/id_rsa',
];

const badIds = fc.oneof(
  fc.constantFrom(...traversals, '', 'Enforcement', '-x', 'a b', 'x'.repeat(65), 'ümlaut'),
  fc.string({ minLength: 65, maxLength: 500 }),
  notAString.filter((v) => v !== null),
);

const controlChars = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0008');

function tooLong(max: number): fc.Arbitrary<string> {
  if (max > 50_000) return fc.constant('x'.repeat(max + 1));
  return fc.integer({ min: max + 1, max: max + 5_000 }).map((n) => 'x'.repeat(n));
}

/** Values a field of this kind must refuse. */
export function hostile(type: FieldKind): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'id':
      return fc.oneof(badIds, fc.constant(null));
    case 'nullableId':
      return badIds;
    case 'line':
      return fc.oneof(
        type.nullable ? notAString.filter((value) => value !== null) : notAString,
        tooLong(type.max),
        fc.tuple(text(20), controlChars, text(20)).map(([a, c, b]) => `${a}${c}${b}`),
        fc.constant('line one\nline two'),
      );
    case 'block':
      return fc.oneof(
        notAString,
        tooLong(type.max),
        fc.tuple(text(20), controlChars, text(20)).map(([a, c, b]) => `${a}${c}${b}`),
      );
    case 'text':
      return fc.oneof(notAString, tooLong(type.max));
    case 'int':
      return fc.oneof(
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, type.min - 1, type.max + 1, 2.5, -1e9, 1e12),
        fc.integer().filter((n) => n < type.min || n > type.max),
        fc.constantFrom('5', null, true, [3], { n: 3 }),
        deep,
      );
    case 'enum':
      return fc.oneof(
        notAString,
        fc.string().filter((s) => !type.values.includes(s)),
      );
    case 'bool':
      return fc.oneof(numbers, fc.constantFrom('true', 'false', 'yes', null, [], {}), deep);
    case 'tags':
      return fc.oneof(
        fc.constantFrom('a,b', null, 5, { 0: 'a' }),
        fc.constant(Array.from({ length: 10_000 }, (_, i) => `t${i}`)),
        fc.array(fc.oneof(numbers, tooLong(limits.tag), fc.constant('a\nb'), fc.constant(null)), { minLength: 1, maxLength: 3 }),
        deep,
      );
    case 'url':
      return fc.oneof(
        notAString,
        tooLong(4_000).map((x) => `https://example.org/${x}`),
        fc.constantFrom(
          ...traversals,
          'javascript:alert(1)',
          'JaVaScRiPt:alert(1)',
          'data:text/html,<script>alert(1)</script>',
          'vbscript:msgbox(1)',
          'file:///C:/Windows/System32',
          'app://briefing/index.html',
          'https://user:pass@example.org/',
          'ftp://example.org/',
          '',
        ),
      );
    case 'token':
      return fc.oneof(notAString, fc.constant(''), tooLong(100));
    case 'parties':
      return fc.oneof(
        notAString.filter((v) => !Array.isArray(v)),
        fc.constant([{ name: 'Alone' }]),
        fc.constant(Array.from({ length: limits.parties + 1 }, (_, i) => ({ name: `Party ${i}` }))),
        fc.constant(Array.from({ length: 100_000 }, () => ({ name: 'Many' }))),
        badIds.map((id) => [{ id, name: 'A' }, { name: 'B' }]),
        fc.constant([{ name: 'A', flag: '🇺🇸' }, { name: 'B' }]),
        fc.constant(['China', 'United States']),
        fc.constant([{ id: 'china' }, { name: 'B' }]),
      );
    case 'patch':
      return fc.oneof(
        notAString.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
        fc.constant([{ title: 'T' }]),
        fc.constantFrom('rank', 'id', 'deletedAt', 'createdAt', 'extra').map((k) => ({ [k]: 'x' })),
        fc
          .constantFrom('__proto__', 'constructor', 'prototype')
          .map((k) => JSON.parse(`{"${k}": {"title": "Polluted", "polluted": true}}`) as unknown),
        fc
          .constantFrom(...(Object.entries(patchFields) as [string, FieldSpec][]))
          .chain(([k, spec]) => hostile(spec.type).map((v) => ({ [k]: v }))),
      );
    case 'date':
      // Not null: a stance's date may be null (unknown); a round's may not, and the hand-written cases say so.
      return fc.oneof(
        notAString.filter((v) => v !== null),
        fc.constantFrom('2019-13-01', '2019-02-30', '2019-1-9', '20190109', '9 January 2019', '2019-01-09T10:00:00Z', '', '0000-00-00'),
        tooLong(40),
      );
    case 'record': {
      const inner = Object.entries(type.fields);
      return fc.oneof(
        // null is a value of its own where the record is nullable (a stance set to null is cleared).
        notAString.filter((v) => (typeof v !== 'object' || v === null || Array.isArray(v)) && !(type.nullable === true && v === null)),
        fc.constant([{}]),
        fc.constantFrom('id', 'createdAt', 'history', 'extra').map((k) => ({ [k]: 'x' })),
        fc
          .constantFrom('__proto__', 'constructor', 'prototype')
          .map((k) => JSON.parse(`{"${k}": {"title": "Polluted", "polluted": true}}`) as unknown),
        ...(inner.length > 0 ? [fc.constantFrom(...inner).chain(([k, spec]) => hostile(spec.type).map((v) => ({ [k]: v })))] : []),
      );
    }
    case 'list':
      // Not null: a PDF's list of areas may be null (the whole book).
      return fc.oneof(
        notAString.filter((v) => !Array.isArray(v) && v !== null),
        fc.constant(Array.from({ length: type.max + 1 }, () => null)),
        fc.constant(Array.from({ length: 100_000 }, (_, i) => i)),
        hostile(type.of).map((v) => [v]),
        deep.filter(Array.isArray),
      );
  }
}

/** A payload this method must refuse, made from one of its valid payloads. */
export function hostilePayload(entry: MethodFuzz): fc.Arbitrary<unknown> {
  const fields = Object.entries(entry.fields);
  const extraKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString', 'then', 'valueOf');
  const options: fc.Arbitrary<unknown>[] = [
    // The whole payload of the wrong type.
    fc.oneof(
      fc.constant(null),
      numbers,
      fc.string(),
      fc.boolean(),
      fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
      deep.filter(Array.isArray),
    ),
    // An extra key, made by JSON.parse so that "__proto__" is an own key, as it is off the wire.
    fc.tuple(entry.valid, extraKey, fc.jsonValue({ maxDepth: 2 })).map(([valid, key, value]) => {
      const body = JSON.stringify(valid).slice(1, -1);
      return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value ?? null)}${body ? `,${body}` : ''}}`) as unknown;
    }),
  ];
  if (fields.length > 0) {
    // One field replaced by a value it must refuse.
    options.push(
      fc
        .tuple(entry.valid, fc.constantFrom(...fields))
        .chain(([valid, [name, spec]]) => hostile(spec.type).map((value) => ({ ...valid, [name]: value }))),
    );
    const required = fields.filter(([, spec]) => spec.required).map(([name]) => name);
    // A required field missing.
    if (required.length > 0) {
      options.push(
        fc.tuple(entry.valid, fc.constantFrom(...required)).map(([valid, name]) => {
          const { [name]: _dropped, ...rest } = valid;
          return rest;
        }),
      );
    }
  }
  return fc.oneof(...options);
}
