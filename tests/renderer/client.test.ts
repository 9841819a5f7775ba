import { describe, expect, it } from 'vitest';
import { api, ApiError, errorMessage } from '../../renderer/src/api/client';
import { installBridge } from './testBridge';

describe('API client over the real handlers', () => {
  it('resolves with values and throws ApiError with the main process message', async () => {
    await installBridge();
    const state = await api.book.open({});
    expect(state.areas).toHaveLength(8);
    const failure = await api.areas.update({ id: 'no-such-area', patch: { title: 'x' } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('not_found');
    expect(errorMessage(failure)).toBe('Issue area "no-such-area" does not exist (it may have been deleted).');
  });

  it('says what to fix when a request is refused as invalid', async () => {
    await installBridge();
    const failure = await api.book.updateSettings({ parties: [{ name: 'A' }, { name: '' }, { name: 'B\nC' }] }).catch((e: unknown) => e);
    expect((failure as ApiError).code).toBe('invalid_input');
    expect(errorMessage(failure)).toBe(
      'book.updateSettings refused: the request is not valid. A party needs a name. A party name must be a single line of text.',
    );
  });

  it('leaves details that are not field messages out of the text', () => {
    const error = new ApiError({ code: 'invalid_input', message: 'Only web links can be opened.', details: ['javascript:alert(1)'] });
    expect(errorMessage(error)).toBe('Only web links can be opened.');
    const storage = new ApiError({ code: 'storage', message: 'Not saved: the disk is full.', details: ['write areas/a.json (ENOSPC)'] });
    expect(errorMessage(storage)).toBe('Not saved: the disk is full.');
    expect(errorMessage('plain')).toBe('plain');
  });
});
