import { describe, expect, test } from 'vitest';
import { CHANNEL_PREFIX, contract, listMethods, type Handlers } from '../../electron/core/contract/api';
import { createDispatch, describeIssues } from '../../electron/core/contract/dispatch';
import { APP_ENTRY, APP_ORIGIN, isTrustedSender, type SenderInfo } from '../../electron/core/contract/sender';
import type { BookState } from '../../electron/core/contract/views';
import { appSender, boot, freshDir } from '../services/support';

describe('listMethods', () => {
  test('lists every method of the contract once, with its own spec and a unique channel', () => {
    const expected = Object.entries(contract).flatMap(([namespace, group]) => Object.keys(group).map((name) => `${namespace}.${name}`));
    const methods = listMethods();
    expect(methods.map((m) => `${m.namespace}.${m.name}`)).toEqual(expected);
    expect(new Set(methods.map((m) => m.channel)).size).toBe(methods.length);
    for (const m of methods) {
      expect(m.channel).toBe(`${CHANNEL_PREFIX}${m.namespace}.${m.name}`);
      const group: Record<string, unknown> = contract[m.namespace];
      expect(m.spec).toBe(group[m.name]);
    }
    expect(methods.length).toBeGreaterThanOrEqual(13);
  });
});

describe('isTrustedSender', () => {
  test.each([
    [APP_ENTRY, true, true],
    [`${APP_ORIGIN}/`, true, true],
    [APP_ORIGIN, true, true],
    [`${APP_ORIGIN}/index.html?x=1#area`, true, true],
    ['APP://BRIEFING/index.html', true, true],
    [APP_ENTRY, false, false],
    ['app://briefing.evil.com/index.html', true, false],
    ['app://briefingx/index.html', true, false],
    ['app://evil.com/app://briefing/', true, false],
    ['app://evil@briefing/index.html', true, false],
    ['app://briefing@evil.com/index.html', true, false],
    ['app://briefing:8080/index.html', true, false],
    ['app://briefing./index.html', true, false],
    ['https://briefing/index.html', true, false],
    ['appx://briefing/index.html', true, false],
    ['file:///app://briefing/index.html', true, false],
    ['app:briefing/index.html', true, false],
    ['', true, false],
    ['about:blank', true, false],
    ['devtools://devtools/bundled/inspector.html', true, false],
  ])('%s (main frame: %s) -> %s', (url, isMainFrame, trusted) => {
    expect(isTrustedSender({ url, isMainFrame }, APP_ORIGIN)).toBe(trusted);
  });

  test('an origin with a path can never match', () => {
    expect(isTrustedSender(appSender, `${APP_ORIGIN}/`)).toBe(false);
  });
});

describe('describeIssues', () => {
  test('names the path of each problem, or "payload" at the top', () => {
    const spec = contract.areas.update.input;
    const parsed = spec.safeParse({ id: 'Not An Id', patch: { title: '' }, extra: 1 });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const lines = describeIssues(parsed.error);
    expect(lines).toContain('payload: Unrecognized key: "extra"');
    expect(lines.some((l) => l.startsWith('id: '))).toBe(true);
    expect(lines).toContain('patch.title: An issue area needs a title');
  });
});

describe('createDispatch over the real handlers', () => {
  async function setup(wrap: (h: Handlers) => Handlers = (h) => h) {
    const dir = await freshDir();
    const booted = await boot(dir);
    const internal: { error: unknown; channel: string }[] = [];
    const dispatch = createDispatch(wrap(booted.services.handlers), {
      appOrigin: APP_ORIGIN,
      onInternalError: (error, channel) => internal.push({ error, channel }),
    });
    const state = await booted.ok<BookState>('bb:book.open');
    return { dispatch, internal, state, booted };
  }

  test('refuses a handler table with a method missing', async () => {
    const { booted } = await setup();
    const { notes: _notes, ...rest } = booted.services.handlers;
    expect(() =>
      createDispatch({ ...rest, notes: { get: booted.services.handlers.notes.get } } as unknown as Handlers, { appOrigin: APP_ORIGIN }),
    ).toThrow(/No handler for bb:notes\.save/);
  });

  test('answers a trusted call', async () => {
    const { dispatch, state } = await setup();
    const result = await dispatch('bb:notes.get', { areaId: state.areas[0]?.id }, appSender);
    expect(result.ok).toBe(true);
  });

  test.each(['bb:nope.nothing', 'areas.create', 'bb:areas.toString', 'bb:areas.__proto__', 'bb:constructor', ''])(
    'an unknown channel %j is unknown_method',
    async (channel) => {
      const { dispatch } = await setup();
      const result = await dispatch(channel, {}, appSender);
      expect(result).toEqual({
        ok: false,
        error: { code: 'unknown_method', message: `There is no API method called "${channel}".`, details: [] },
      });
    },
  );

  test.each<[string, SenderInfo]>([
    ['a sub-frame of the app', { url: APP_ENTRY, isMainFrame: false }],
    ['another origin', { url: 'https://evil.example/index.html', isMainFrame: true }],
    ['a look-alike host', { url: 'app://briefing.evil.com/index.html', isMainFrame: true }],
    ['a file page', { url: 'file:///tmp/index.html', isMainFrame: true }],
  ])('refuses %s as untrusted_sender, before looking at the payload, and runs nothing', async (_label, sender) => {
    const { dispatch, booted, state } = await setup();
    const create = await dispatch('bb:areas.create', { title: 'Planted' }, sender);
    expect(create.ok).toBe(false);
    if (create.ok) return;
    expect(create.error.code).toBe('untrusted_sender');
    expect(create.error.message).toBe("areas.create refused: the request did not come from the app's own window.");
    const invalidPayload = await dispatch('bb:areas.create', { nonsense: true }, sender);
    expect(invalidPayload.ok ? null : invalidPayload.error.code).toBe('untrusted_sender');
    const after = await booted.ok<BookState>('bb:book.open');
    expect(after.areas.map((a) => a.id)).toEqual(state.areas.map((a) => a.id));
  });

  test('an invalid payload is invalid_input with details naming each field', async () => {
    const { dispatch, state } = await setup();
    const id = state.areas[0]?.id;
    const result = await dispatch('bb:areas.update', { id, patch: { title: '', priority: 'urgent', tags: 'x' } }, appSender);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toBe('areas.update refused: the request is not valid.');
    expect(result.error.details).toContain('patch.title: An issue area needs a title');
    expect(result.error.details.some((d) => d.startsWith('patch.priority: '))).toBe(true);
    expect(result.error.details.some((d) => d.startsWith('patch.tags: '))).toBe(true);

    const long = await dispatch('bb:areas.update', { id, patch: { title: 'x'.repeat(201) } }, appSender);
    expect(long.ok ? [] : long.error.details).toEqual(['patch.title: An issue-area title is too long (at most 200 characters)']);

    // An absent payload counts as {}: fine for a method without input, invalid for one that needs some.
    expect((await dispatch('bb:book.open', undefined, appSender)).ok).toBe(true);
    const missing = await dispatch('bb:notes.get', undefined, appSender);
    expect(missing.ok ? [] : missing.error.details.map((d) => d.split(':')[0])).toEqual(['areaId']);
  });

  test('an AppError thrown by a handler crosses with its code, message and details', async () => {
    const { dispatch, internal } = await setup();
    const result = await dispatch('bb:areas.update', { id: 'no-such-area', patch: { title: 'X' } }, appSender);
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Issue area "no-such-area" does not exist (it may have been deleted).', details: [] },
    });
    const link = await dispatch('bb:app.openExternal', { url: 'javascript:alert(1)' }, appSender);
    expect(link.ok ? null : link.error).toEqual({
      code: 'invalid_input',
      message: 'Only web links (http or https) can be opened outside the app.',
      details: ['javascript:alert(1)'],
    });
    expect(internal).toEqual([]);
  });

  test('an unexpected Error becomes "internal" and is reported to onInternalError', async () => {
    const boom = new Error('disk gremlin');
    const { dispatch, internal } = await setup((h) => ({
      ...h,
      app: {
        ...h.app,
        info: async () => {
          throw boom;
        },
      },
    }));
    const result = await dispatch('bb:app.info', {}, appSender);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'app.info failed unexpectedly: disk gremlin', details: [] } });
    expect(internal).toEqual([{ error: boom, channel: 'bb:app.info' }]);
  });

  test('a non-Error throw is also caught', async () => {
    const { dispatch, internal } = await setup((h) => ({
      ...h,
      app: {
        ...h.app,
        info: async () => {
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
          throw 'a string';
        },
      },
    }));
    const result = await dispatch('bb:app.info', {}, appSender);
    expect(result.ok ? null : result.error.message).toBe('app.info failed unexpectedly: a string');
    expect(internal).toHaveLength(1);
  });

  test('an invalid handler result is caught by output validation', async () => {
    const { dispatch, internal } = await setup((h) => ({
      ...h,
      book: { ...h.book, open: async () => ({ ...(await h.book.open({})), bookId: 'NOT A VALID ID' }) },
    }));
    const result = await dispatch('bb:book.open', {}, appSender);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'book.open produced an invalid result. This is a bug; nothing else was affected.', details: [] },
    });
    expect(internal).toHaveLength(1);
    expect(internal[0]?.channel).toBe('bb:book.open');
  });

  test('with checkOutput off, the result is passed through unchecked', async () => {
    const { booted } = await setup();
    const { handlers } = booted.services;
    const dispatch = createDispatch(
      { ...handlers, book: { ...handlers.book, open: async () => ({ ...(await handlers.book.open({})), bookId: 'NOT A VALID ID' }) } },
      { appOrigin: APP_ORIGIN, checkOutput: false },
    );
    const result = await dispatch('bb:book.open', {}, appSender);
    expect(result.ok ? (result.value as BookState).bookId : null).toBe('NOT A VALID ID');
  });
});
