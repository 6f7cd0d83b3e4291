/**
 * A fake API behind `fetch`: routes "METHOD /path" to handlers, records every request. Paths
 * match without their query string; unknown routes answer a 404 problem.
 */
import { vi } from "vitest";

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: unknown;
}

export type Handler = (request: FakeRequest) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": status >= 400 ? "application/problem+json" : "application/json",
      ...headers,
    },
  });
}

export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  return json(status, { type: "about:blank", title: code, status, code, ...extra }, headers);
}

export function noContent(status = 204) {
  return new Response(null, { status });
}

export function fakeServer(routes: Record<string, Handler> = {}) {
  const handlers = new Map<string, Handler>(Object.entries(routes));
  const requests: FakeRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, "http://counter.test").pathname;
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const request: FakeRequest = { method, path, url, headers: new Headers(init.headers), body };
    requests.push(request);
    const handler = handlers.get(`${method} ${path}`);
    if (handler === undefined) return problem(404, "not_found");
    return handler(request);
  });
  vi.stubGlobal("fetch", fetchMock);

  return {
    fetch: fetchMock,
    requests,
    /** Adds or replaces a route. */
    on(route: string, handler: Handler) {
      handlers.set(route, handler);
    },
    has(route: string): boolean {
      return handlers.has(route);
    },
    /** The requests sent to one route. */
    sent(route: string): FakeRequest[] {
      return requests.filter((request) => `${request.method} ${request.path}` === route);
    },
  };
}

export type FakeServer = ReturnType<typeof fakeServer>;

export const REFRESH = "POST /api/identity/auth/refresh";
export const ME = "GET /api/identity/me";
export const LOGOUT = "POST /api/identity/auth/logout";
export const LOGIN = "POST /api/identity/auth/login";
export const VERIFY = "POST /api/identity/auth/login/verify";
export const RESEND = "POST /api/identity/auth/login/resend";

export interface MeBody {
  account_id: string;
  email: string;
  first_name: string;
  last_name: string;
  mobile: string;
  language: string;
  company_id: string | null;
  role: string | null;
  company_name?: string;
}

export const JEAN: MeBody = {
  account_id: "0b7a3c9e-1111-4a8e-9d2f-3b4c5d6e7f80",
  email: "jean.dupont@testing.ch",
  first_name: "Jean",
  last_name: "Dupont",
  mobile: "+41791234567",
  language: "fr",
  company_id: "9a1e6f40-6c1b-4a8e-9d2f-3b4c5d6e7f80",
  role: "manager",
  company_name: "Testing SA",
};

let tokenCount = 0;

/** A token answer as identity gives it (`expires_in` seconds). */
export function tokens(expiresIn = 900) {
  tokenCount += 1;
  return json(200, {
    access_token: `access-${String(tokenCount)}`,
    token_type: "Bearer",
    expires_in: expiresIn,
  });
}

export const INVOICES = "GET /api/invoicing/invoices";
export const SUBMITTERS = "GET /api/invoicing/submitters";

/**
 * Routes of a browser that signed in before: the cookie is good and `/me` answers `me`; the
 * counter (the home page) finds no invoice yet.
 */
export function signedInRoutes(me: MeBody = JEAN): Record<string, Handler> {
  return {
    [REFRESH]: () => tokens(),
    [ME]: () => json(200, me),
    [LOGOUT]: () => noContent(),
    [INVOICES]: () => json(200, { items: [], next_cursor: null }),
    [SUBMITTERS]: () => json(200, []),
  };
}
