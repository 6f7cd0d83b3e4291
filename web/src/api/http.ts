/**
 * Calls to the API, same origin under `/api/...`. Every call says which language the answer's
 * messages should be in, and resolves (never rejects) to either the data or a Problem.
 */
import type { Language } from "../i18n/language";
import { networkProblem, problemFrom, type Problem } from "./problem";

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly data: T; readonly headers: Headers }
  | { readonly ok: false; readonly problem: Problem };

export interface ApiRequest {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly body?: unknown;
  /** A file sent as the raw request body (with its own type), instead of JSON. */
  readonly raw?: Blob;
  readonly language?: Language;
  readonly accessToken?: string;
  readonly signal?: AbortSignal;
  /** Extra headers, e.g. `Idempotency-Key`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** `blob`: a successful answer's body is a file (a PDF copy), not JSON. */
  readonly as?: "json" | "blob";
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (response.status === 204 || !type.includes("json")) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** The request as `fetch` needs it; also used by the session for its authorised calls. */
export function buildInit({
  method = "GET",
  body,
  raw,
  language,
  accessToken,
  signal,
  headers: extra = {},
  as = "json",
}: ApiRequest) {
  const headers = new Headers({
    Accept: `${as === "blob" ? "*/*" : "application/json"}, application/problem+json`,
    ...extra,
  });
  if (language !== undefined) headers.set("Accept-Language", language);
  if (accessToken !== undefined) headers.set("Authorization", `Bearer ${accessToken}`);
  if (raw !== undefined) headers.set("Content-Type", raw.type || "application/octet-stream");
  else if (body !== undefined) headers.set("Content-Type", "application/json");
  const init: RequestInit = {
    method,
    headers,
    // The refresh cookie is same-origin and HttpOnly; it must travel, never be readable.
    credentials: "same-origin",
    cache: "no-store",
  };
  if (raw !== undefined) init.body = raw;
  else if (body !== undefined) init.body = JSON.stringify(body);
  if (signal !== undefined) init.signal = signal;
  return init;
}

/** Turns a fetch answer into an ApiResult. */
export async function toResult<T>(
  response: Response,
  as: ApiRequest["as"] = "json",
): Promise<ApiResult<T>> {
  if (response.ok && as === "blob") {
    const data = (await response.blob()) as T;
    return { ok: true, status: response.status, data, headers: response.headers };
  }
  const body = await readJson(response);
  if (response.ok) {
    return { ok: true, status: response.status, data: body as T, headers: response.headers };
  }
  return { ok: false, problem: problemFrom(response.status, response.headers, body) };
}

export async function apiCall<T>(path: string, request: ApiRequest = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, buildInit(request));
  } catch {
    return { ok: false, problem: networkProblem };
  }
  return toResult<T>(response, request.as);
}
