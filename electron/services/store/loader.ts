import { decodeDocument, DocumentError, type DocumentKind } from '../../core/persistence/documents';

export class FileDecodeError extends Error {
  override readonly name = 'FileDecodeError';
  constructor(
    readonly reason: 'corrupt' | 'newer',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Bytes to a validated, migrated document. Throws FileDecodeError saying what
 * is wrong in words a user can act on: empty, NUL bytes (typical of a power
 * loss), not UTF-8, not JSON, wrong shape, or written by a newer version.
 */
export function decodeFile<T>(kind: DocumentKind<T>, bytes: Uint8Array): { doc: T; migratedFrom: number | null } {
  if (bytes.byteLength === 0) throw new FileDecodeError('corrupt', 'the file is empty');
  if (bytes.every((b) => b === 0)) throw new FileDecodeError('corrupt', 'the file holds only NUL bytes (typical after a power loss)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FileDecodeError('corrupt', 'the file is not valid UTF-8 text');
  }
  if (text.includes('\u0000')) throw new FileDecodeError('corrupt', 'the file contains NUL bytes (typical after a power loss)');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'parse error';
    throw new FileDecodeError('corrupt', `the file is not valid JSON (${detail})`);
  }
  try {
    return decodeDocument(kind, raw);
  } catch (error) {
    if (error instanceof DocumentError) throw new FileDecodeError(error.reason, error.message);
    throw error;
  }
}
