import { messages, type ErrorCode } from './messages';

type Status = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503;

// One table from error code to HTTP status; the Swedish text comes from the message catalogue.
const statusOf: Record<ErrorCode, Status> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNKNOWN_FIELDS: 400,
  TOKEN_INVALID: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  DUPLICATE_SCHOOL: 409,
  TEMPLATE_PUBLISHED: 409,
  SCHOOL_NOT_VERIFIED: 409,
  NO_TEMPLATE: 409,
  AGREEMENT_OPEN: 409,
  AGREEMENT_ORDER: 409,
  NOT_SIGNED_BY_SCHOOL: 409,
  ALREADY_CONFIRMED: 409,
  ALREADY_RETURNED: 409,
  AGREEMENT_CHANGED: 409,
  ADDITIONS_MISSING: 409,
  BOTH_SIDES: 403,
  CITY_ROLE_CONFLICT: 409,
  SCHOOL_ROLE_CONFLICT: 409,
  ALREADY_OFFICER: 409,
  ALREADY_COORDINATOR: 409,
  DISTRICT_SLUG_TAKEN: 409,
  DISTRICT_DATES: 400,
  NO_ROLE_LEFT: 403,
  NOT_INVITED: 403,
  ROLE_REMOVED: 403,
  CITY_SIGN_IN_FAILED: 400,
  CITY_ACCOUNT_UNAVAILABLE: 503,
  HANDOVER_SAME_PRINCIPAL: 409,
  CHANGED_MEANWHILE: 409,
  HANDOVER_INVALID: 409,
  DOCUMENT_CHANGED: 409,
  PRINCIPAL_ONLY: 403,
  FOLLOW_UP_CLOSED: 409,
  NO_FOLLOW_UP: 409,
  MAIL_HANDLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNIT_UNKNOWN: 400,
  UNIT_CLOSED: 409,
  UNIT_OTHER_MUNICIPALITY: 409,
  UNIT_NOT_INDEPENDENT: 409,
  UNIT_IN_NETWORK: 409,
  UNIT_NO_EMAIL: 409,
  UNIT_INVITED_RECENTLY: 409,
  REGISTRATION_CHECKED: 409,
  REGISTER_UNAVAILABLE: 503,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
  NOT_CONFIGURED: 503,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, options?: { cause?: unknown }) {
    super(messages.errors[code], options);
    this.code = code;
  }
  get status(): Status {
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
