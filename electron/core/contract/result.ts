import type { ErrorCode } from '../errors';

/** What crosses the process boundary: never a thrown Error, always one of these. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly string[];
}

export type WireResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: WireError };
