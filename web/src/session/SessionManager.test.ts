import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionTimings } from "../config/session";
import {
  fakeServer,
  JEAN,
  json,
  LOGOUT,
  ME,
  noContent,
  problem,
  REFRESH,
  tokens,
  type FakeServer,
} from "../test/fakeServer";
import { SESSION_STORAGE_KEY, SessionManager } from "./SessionManager";

const MINUTE = 60_000;
const START = new Date("2026-11-27T08:00:00Z").getTime();

/** Lets the fake server's answers (real promises and streams) arrive. */
async function settle() {
  for (let round = 0; round < 20; round += 1) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

function activity() {
  document.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
}

let server: FakeServer;
let manager: SessionManager;

function signedInBefore() {
  window.localStorage.setItem(SESSION_STORAGE_KEY, String(START - MINUTE));
}

async function startSignedIn() {
  signedInBefore();
  manager = new SessionManager();
  manager.start();
  await settle();
  expect(manager.getState().status).toBe("signedIn");
}

beforeEach(() => {
  vi.useFakeTimers({
    now: START,
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });
  server = fakeServer({
    [REFRESH]: () => tokens(),
    [ME]: () => json(200, JEAN),
    [LOGOUT]: () => noContent(),
  });
});

afterEach(() => {
  manager.stop();
});

describe("restoring the session on load", () => {
  it("asks nothing when this browser never signed in", async () => {
    manager = new SessionManager();
    manager.start();
    await settle();
    expect(manager.getState()).toEqual({ status: "anonymous" });
    expect(server.requests).toEqual([]);
  });

  it("trades the refresh cookie for an access token, then reads /me", async () => {
    signedInBefore();
    manager = new SessionManager();
    expect(manager.getState()).toEqual({ status: "loading" });
    manager.start();
    manager.start(); // React's strict mode starts twice: still one renewal.
    await settle();

    expect(server.sent(REFRESH)).toHaveLength(1);
    expect(server.fetch.mock.calls[0]?.[1]).toMatchObject({
      method: "POST",
      credentials: "same-origin",
    });
    expect(server.sent(ME)[0]?.headers.get("authorization")).toMatch(/^Bearer access-\d+$/);
    const state = manager.getState();
    expect(state).toMatchObject({
      status: "signedIn",
      warning: false,
      idleDeadline: START + sessionTimings.idleTimeoutMs,
      user: {
        firstName: "Jean",
        lastName: "Dupont",
        companyName: "Testing SA",
        role: "manager",
        email: "jean.dupont@testing.ch",
      },
    });
    // Other tabs learn when the session ends.
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBe(
      String(START + sessionTimings.idleTimeoutMs),
    );
  });

  it("forgets a session the server no longer knows", async () => {
    server.on(REFRESH, () => problem(401, "unauthorized"));
    signedInBefore();
    manager = new SessionManager();
    manager.start();
    await settle();
    expect(manager.getState()).toEqual({ status: "anonymous" });
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("keeps the hint when the server could not answer (a reload tries again)", async () => {
    server.on(REFRESH, () => new Response("upstream connect error", { status: 503 }));
    signedInBefore();
    manager = new SessionManager();
    manager.start();
    await settle();
    expect(manager.getState()).toEqual({ status: "anonymous" });
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).not.toBeNull();
  });
});

describe("renewing before the access token expires", () => {
  it("renews a minute before expiry when the user did something", async () => {
    await startSignedIn();
    await advance(5 * MINUTE);
    activity();
    await advance(8 * MINUTE + 59_000);
    expect(server.sent(REFRESH)).toHaveLength(1);
    await advance(1_000); // 14 minutes: 15-minute token minus one
    expect(server.sent(REFRESH)).toHaveLength(2);
    expect(manager.getState()).toMatchObject({
      status: "signedIn",
      idleDeadline: START + 14 * MINUTE + sessionTimings.idleTimeoutMs,
    });
  });

  it("does not keep an idle session alive: warning, then expiry", async () => {
    await startSignedIn();
    await advance(26 * MINUTE + 59_000);
    expect(server.sent(REFRESH)).toHaveLength(1);
    expect(manager.getState()).toMatchObject({ status: "signedIn", warning: false });

    await advance(1_000); // 27 minutes: three minutes before the 30-minute idle timeout
    expect(manager.getState()).toMatchObject({ status: "signedIn", warning: true });

    await advance(3 * MINUTE - sessionTimings.expiryMarginMs);
    expect(manager.getState()).toMatchObject({
      status: "expired",
      user: { email: "jean.dupont@testing.ch" },
    });
    expect(server.sent(REFRESH)).toHaveLength(1);
  });

  it("renews at once when the user comes back after the renewal time", async () => {
    await startSignedIn();
    await advance(20 * MINUTE);
    expect(server.sent(REFRESH)).toHaveLength(1);
    activity();
    await settle();
    expect(server.sent(REFRESH)).toHaveLength(2);
    expect(manager.getState()).toMatchObject({
      idleDeadline: START + 20 * MINUTE + sessionTimings.idleTimeoutMs,
    });
  });

  it("lifts the warning when the user chooses to stay", async () => {
    await startSignedIn();
    await advance(28 * MINUTE);
    expect(manager.getState()).toMatchObject({ warning: true });
    activity(); // pressing keys behind the warning does not count: only the choice does

    expect(await manager.stayConnected()).toBe("ok");
    expect(manager.getState()).toMatchObject({
      status: "signedIn",
      warning: false,
      idleDeadline: START + 28 * MINUTE + sessionTimings.idleTimeoutMs,
    });
    await advance(10 * MINUTE);
    expect(manager.getState().status).toBe("signedIn");
  });

  it("expires at once when the server refuses to renew", async () => {
    await startSignedIn();
    server.on(REFRESH, () => problem(401, "unauthorized"));
    expect(await manager.stayConnected()).toBe("refused");
    expect(manager.getState()).toMatchObject({ status: "expired" });
  });

  it("sends one renewal for concurrent callers (a rotated token used twice ends the session)", async () => {
    await startSignedIn();
    const outcomes = await Promise.all([manager.refresh(), manager.refresh(), manager.refresh()]);
    expect(outcomes).toEqual(["ok", "ok", "ok"]);
    expect(server.sent(REFRESH)).toHaveLength(2);
  });
});

describe("authorised calls", () => {
  it("send the access token", async () => {
    await startSignedIn();
    server.on("GET /api/invoicing/invoices", () => json(200, []));
    const result = await manager.call<unknown[]>("/api/invoicing/invoices", { language: "de" });
    expect(result).toMatchObject({ ok: true, data: [] });
    const sent = server.sent("GET /api/invoicing/invoices")[0];
    expect(sent?.headers.get("authorization")).toMatch(/^Bearer access-\d+$/);
    expect(sent?.headers.get("accept-language")).toBe("de");
  });

  it("renew and retry once when the token is refused", async () => {
    await startSignedIn();
    let attempts = 0;
    server.on("GET /api/invoicing/invoices", () => {
      attempts += 1;
      return attempts === 1 ? problem(401, "unauthorized") : json(200, []);
    });
    const result = await manager.call("/api/invoicing/invoices");
    expect(result.ok).toBe(true);
    expect(attempts).toBe(2);
    expect(server.sent(REFRESH)).toHaveLength(2);
  });

  it("do not resend a request refused for its own reason", async () => {
    await startSignedIn();
    server.on("POST /api/identity/me/password", () => problem(401, "invalid_credentials"));
    const result = await manager.call("/api/identity/me/password", { method: "POST", body: {} });
    expect(result).toMatchObject({ ok: false, problem: { code: "invalid_credentials" } });
    expect(server.sent("POST /api/identity/me/password")).toHaveLength(1);
    expect(server.sent(REFRESH)).toHaveLength(1);
  });

  it("renew first when the access token has expired, and expire if that is refused", async () => {
    await startSignedIn();
    server.on(REFRESH, () => problem(401, "unauthorized"));
    await advance(16 * MINUTE);
    const result = await manager.call("/api/invoicing/invoices");
    expect(result).toMatchObject({ ok: false, problem: { code: "session_expired" } });
    expect(server.sent("GET /api/invoicing/invoices")).toHaveLength(0);
    expect(manager.getState()).toMatchObject({ status: "expired" });
  });
});

describe("signing out and other tabs", () => {
  it("signs out on the server and forgets the session", async () => {
    await startSignedIn();
    await manager.signOut();
    expect(manager.getState()).toEqual({ status: "anonymous" });
    expect(server.sent(LOGOUT)).toHaveLength(1);
    expect(server.sent(LOGOUT)[0]?.headers.get("authorization")).toMatch(/^Bearer /);
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("follows another tab's renewal (the idle clock restarts) and sign-out", async () => {
    await startSignedIn();
    await advance(28 * MINUTE);
    expect(manager.getState()).toMatchObject({ warning: true });

    window.localStorage.setItem(
      SESSION_STORAGE_KEY,
      String(Date.now() + sessionTimings.idleTimeoutMs),
    );
    window.dispatchEvent(new StorageEvent("storage", { key: SESSION_STORAGE_KEY }));
    expect(manager.getState()).toMatchObject({
      status: "signedIn",
      warning: false,
      idleDeadline: START + 28 * MINUTE + sessionTimings.idleTimeoutMs,
    });

    window.localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent("storage", { key: SESSION_STORAGE_KEY }));
    expect(manager.getState()).toEqual({ status: "anonymous" });
  });
});

describe("the session's end as identity says it", () => {
  it("follows refresh_expires_at on the server's clock (12 hours at most)", async () => {
    // The server's clock is 5 minutes ahead; the session ends in 10 minutes by its clock.
    server.on(REFRESH, () => {
      const serverNow = Date.now() + 5 * MINUTE;
      return json(
        200,
        {
          access_token: "access-x",
          token_type: "Bearer",
          expires_in: 900,
          refresh_expires_at: new Date(serverNow + 10 * MINUTE).toISOString(),
        },
        { date: new Date(serverNow).toUTCString() },
      );
    });
    await startSignedIn();
    expect(manager.getState()).toMatchObject({ idleDeadline: START + 10 * MINUTE });

    await advance(7 * MINUTE);
    expect(manager.getState()).toMatchObject({ status: "signedIn", warning: true });
    await advance(3 * MINUTE - sessionTimings.expiryMarginMs);
    expect(manager.getState()).toMatchObject({ status: "expired" });
  });
});
