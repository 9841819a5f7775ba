/**
 * Errors that cross the API boundary. Every failure a user can meet is one of
 * these codes, with a message written for that user.
 */
export const errorCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'storage',
  'newer_version',
  'untrusted_sender',
  'unknown_method',
  'cancelled',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `${what} "${id}" does not exist (it may have been deleted).`);
}

export function invalid(message: string, details: readonly string[] = []): AppError {
  return new AppError('invalid_input', message, details);
}
