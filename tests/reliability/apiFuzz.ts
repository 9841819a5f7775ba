import fc from 'fast-check';
import { limits } from '../../electron/core/model/common';
import { sampleBook } from '../../electron/core/sample/sampleBook';
import { QUERY_MAX } from '../../electron/core/search/schemas';
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
  | { readonly kind: 'line'; readonly max: number }
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
  | { readonly kind: 'patch' };

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

const ids = [...sampleBook.areas.map((a) => a.id), 'no-such-area'];
const anyId = fc.constantFrom(...ids);
/** Any text, all of Unicode: scripts, emoji, control characters, lone surrogates. */
const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
const statuses = ['open', 'progressing', 'agreed', 'stalled'];

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
const priorities = ['high', 'medium', 'low'];

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
  // ---- sources (issue 3) ----
  'sources.list': { fields: {}, valid: fc.constant({}) },
  'sources.get': { fields: sourceIdField, valid: fc.record({ id: sourceId }) },
  'sources.importText': {
    fields: {
      // Pasted text may hold any character; only its length is limited.
      text: { type: { kind: 'text', max: sourceLimits.fileBytes }, required: true },
      format: { type: { kind: 'enum', values: sourceKinds }, required: true },
      fileName: { type: { kind: 'line', max: sourceLimits.fileName }, required: false },
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
        notAString,
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
