/**
 * Error answers of the API: RFC 9457 problem+json as `kernel.errors` writes it
 * (`{status, code, title, detail?, errors?: [{field, code, message}], …extras}`), and the
 * answers that carry no problem document (the gateway's rate limit, a network failure).
 */

export interface FieldProblem {
  /** JSON path of the input, e.g. `company.gln` or `lines[2].date`. */
  readonly field: string;
  readonly code: string;
  /** Already in the language asked for with Accept-Language; may be empty. */
  readonly message: string;
}

export interface Problem {
  /** 0 when the server could not be reached at all. */
  readonly status: number;
  /**
   * The server's machine-readable code (`invalid_credentials`, `locked`, …), or one of ours:
   * `network_error`, `rate_limited` (a 429 without a problem document: the gateway),
   * `http_error` (any other answer without one).
   */
  readonly code: string;
  /** For people, in the language asked for (identity's refusals carry one). */
  readonly message?: string;
  readonly detail?: string;
  readonly errors: readonly FieldProblem[];
  /** Seconds, from the problem's `retry_after` or the `Retry-After` header. */
  readonly retryAfter?: number;
  /** Wrong SMS codes still allowed on this login attempt. */
  readonly attemptsLeft?: number;
  /** The whole problem document, for members a caller knows about. */
  readonly body?: Readonly<Record<string, unknown>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((item) => ({
    field: typeof item.field === "string" ? item.field : "",
    code: typeof item.code === "string" ? item.code : "invalid",
    message: typeof item.message === "string" ? item.message : "",
  }));
}

function nonNegativeNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    if (Number.isFinite(parsed) && parsed >= 0) return parsed;
  }
  return undefined;
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null) return undefined;
  const seconds = nonNegativeNumber(header);
  if (seconds !== undefined) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Builds a Problem from an error answer's status, headers and (possibly absent) body. */
export function problemFrom(status: number, headers: Headers, body: unknown): Problem {
  const headerRetry = parseRetryAfter(headers.get("retry-after"));
  if (!isRecord(body) || typeof body.code !== "string") {
    return {
      status,
      code: status === 429 ? "rate_limited" : "http_error",
      errors: [],
      ...(headerRetry !== undefined && { retryAfter: headerRetry }),
    };
  }
  const retryAfter = nonNegativeNumber(body.retry_after) ?? headerRetry;
  const attemptsLeft = nonNegativeNumber(body.attempts_left);
  return {
    status,
    code: body.code,
    ...(typeof body.message === "string" && body.message !== "" && { message: body.message }),
    ...(typeof body.detail === "string" && body.detail !== "" && { detail: body.detail }),
    errors: parseFieldProblems(body.errors),
    ...(retryAfter !== undefined && { retryAfter }),
    ...(attemptsLeft !== undefined && { attemptsLeft }),
    body,
  };
}

export const networkProblem: Problem = { status: 0, code: "network_error", errors: [] };
