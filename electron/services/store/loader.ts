import { Buffer, isUtf8 } from 'node:buffer';
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
  // isUtf8 and toString are native and several times faster than a fatal TextDecoder on a 40 MB book.
  if (!isUtf8(bytes)) throw new FileDecodeError('corrupt', 'the file is not valid UTF-8 text');
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // Editors such as Notepad add a byte-order mark; it is not part of the JSON.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    // JSON allows no raw NUL anywhere, so a file with NUL bytes fails here.
    raw = JSON.parse(text);
  } catch (error) {
    if (text.includes('\u0000')) throw new FileDecodeError('corrupt', 'the file contains NUL bytes (typical after a power loss)');
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
