import { messages, type ErrorCode } from './messages';

// One table from error code to HTTP status; the Swedish text comes from the message catalogue.
const statusOf: Record<ErrorCode, 400 | 404 | 500 | 503> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  DB_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, options?: { cause?: unknown }) {
    super(messages.errors[code], options);
    this.code = code;
  }
  get status() {
    return statusOf[this.code];
  }
}

/** Maps anything thrown to a code: D1 failures are 503, our own errors keep theirs, the rest 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isD1Failure(error)) return new AppError('DB_UNAVAILABLE', { cause: error });
  return new AppError('INTERNAL', { cause: error });
}

function isD1Failure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error);
  return /D1_|D1 |SQLITE_|database/i.test(text);
}
