/** Every failure ogkit reports, with the HTTP status it always maps to. */
export const errorStatus = {
  INVALID_PARAMS: 400,
  INVALID_BODY: 400,
  UNAUTHORIZED: 401,
  BAD_SIGNATURE: 403,
  EXPIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  URL_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
  RENDER_FAILED: 500,
  OVERLOADED: 503,
  RENDER_TIMEOUT: 504,
  /** Client side: the remote server could not be reached or did not answer in time. */
  NETWORK_ERROR: 502,
} as const;

export type OgErrorCode = keyof typeof errorStatus;

/** One problem with one field: `path` is the parameter's wire name ("" for the request as a whole). */
export interface OgIssue {
  path: string;
  message: string;
}

/** The JSON body of every error response, in every adapter. */
export interface OgErrorBody {
  error: { code: OgErrorCode; message: string; issues: OgIssue[] };
}

export interface OgErrorOptions {
  issues?: OgIssue[];
  cause?: unknown;
  /** Extra response headers the error needs (Retry-After, Allow). */
  headers?: Record<string, string>;
}

export class OgError extends Error {
  override readonly name = "OgError";
  readonly code: OgErrorCode;
  readonly status: number;
  readonly issues: OgIssue[];
  readonly headers: Record<string, string>;

  constructor(code: OgErrorCode, message: string, options: OgErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = errorStatus[code];
    this.issues = options.issues ?? [];
    this.headers = options.headers ?? {};
  }

  /** The JSON body every adapter sends. Never includes the cause or a stack trace. */
  toJSON(): OgErrorBody {
    return { error: { code: this.code, message: this.message, issues: this.issues } };
  }

  /** Rebuilds an error from a server's JSON body; `undefined` when the body is not one. */
  static fromBody(body: unknown, status?: number): OgError | undefined {
    const error = (body as Partial<OgErrorBody> | null)?.error;
    if (!error || typeof error.code !== "string" || !(error.code in errorStatus)) return undefined;
    const issues = Array.isArray(error.issues)
      ? error.issues.filter(
          (issue): issue is OgIssue => typeof issue?.path === "string" && typeof issue?.message === "string",
        )
      : [];
    const result = new OgError(error.code, String(error.message ?? error.code), { issues });
    if (status !== undefined && status !== result.status) {
      Object.defineProperty(result, "status", { value: status });
    }
    return result;
  }

  /** Any thrown value as an OgError: unknown failures become RENDER_FAILED with the original as cause. */
  static from(error: unknown): OgError {
    if (error instanceof OgError) return error;
    return new OgError("RENDER_FAILED", "The image could not be rendered", { cause: error });
  }
}

export function isOgError(value: unknown): value is OgError {
  return value instanceof OgError;
}

export function invalidParams(issues: OgIssue[]): OgError {
  const fields = [...new Set(issues.map((issue) => issue.path || "request"))];
  const summary = issues.length === 1 ? (issues[0] as OgIssue).message : `Invalid ${fields.join(", ")}`;
  return new OgError("INVALID_PARAMS", summary, { issues });
}
