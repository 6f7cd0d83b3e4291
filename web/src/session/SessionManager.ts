/**
 * The signed-in session of this tab, without React.
 *
 * - The access token lives in memory only. The refresh token is an HttpOnly cookie the
 *   script never sees; `POST /api/identity/auth/refresh` trades it for a new access token and
 *   a rotated cookie.
 * - On load the session is restored through that cookie, but only when this browser signed in
 *   before (a timestamp in localStorage, no secret): anonymous visitors cost no request, which
 *   matters with the gateway's 10 authentication requests a minute per address.
 * - The access token is renewed shortly before it expires, but only if the user did something
 *   since the last renewal: otherwise the server's 30-minute idle timeout would never apply.
 *   A warning comes before that timeout; past it the state becomes `expired` and the page
 *   stays as it is (what the user typed is kept) until they sign in again.
 * - The session ends when identity says (`refresh_expires_at`: 30 minutes idle, 12 hours at
 *   most), measured against the server's clock; 30 minutes after the last renewal otherwise.
 * - Renewals are serialised across tabs (Web Locks) because a rotated refresh token used twice
 *   revokes the whole session; tabs share when the session ends, or that it was signed out.
 */
import { buildInit, toResult, type ApiRequest, type ApiResult } from "../api/http";
import { networkProblem, type Problem } from "../api/problem";
import type { TokenAnswer } from "../api/identity";
import { delayUntilServerTime } from "../auth/countdown";
import { sessionTimings, type SessionTimings } from "../config/session";
import { isLanguage, type Language } from "../i18n/language";

export type Role = "manager" | "collaborator";

export interface SessionUser {
  readonly accountId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly mobile: string | null;
  readonly companyId: string | null;
  /** From `/me` if it gives it, else from organisation's `/institution`. */
  readonly companyName: string | null;
  readonly role: Role | null;
  readonly language: Language | null;
}

export type SessionState =
  | { readonly status: "loading" }
  | { readonly status: "anonymous" }
  | {
      readonly status: "signedIn";
      readonly user: SessionUser;
      /** When the server will consider the session idle (ms since the epoch). */
      readonly idleDeadline: number;
      readonly warning: boolean;
    }
  /** The session ended under the user's feet: keep the page, offer to sign in again. */
  | { readonly status: "expired"; readonly user: SessionUser };

export type RefreshOutcome = "ok" | "refused" | "unavailable";

export const SESSION_STORAGE_KEY = "guichet.session";
const REFRESH_PATH = "/api/identity/auth/refresh";
const LOGOUT_PATH = "/api/identity/auth/logout";
const ME_PATH = "/api/identity/me";
const INSTITUTION_PATH = "/api/organisation/institution";
const LOCK_NAME = "guichet-session-refresh";
/** 401 codes meaning "this access token is not (or no longer) good". */
const TOKEN_PROBLEMS = new Set([
  "unauthorized",
  "session_expired",
  "http_error",
  "invalid_token",
  "token_expired",
]);
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

export const sessionExpiredProblem: Problem = { status: 401, code: "session_expired", errors: [] };

interface MeAnswer {
  readonly account_id: string;
  readonly email: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly mobile?: string | null;
  readonly company_id?: string | null;
  readonly company_name?: string | null;
  readonly role?: string | null;
  readonly language?: string | null;
}

function toUser(me: MeAnswer): SessionUser {
  return {
    accountId: me.account_id,
    email: me.email,
    firstName: me.first_name,
    lastName: me.last_name,
    mobile: me.mobile ?? null,
    companyId: me.company_id ?? null,
    companyName: me.company_name ?? null,
    role: me.role === "manager" || me.role === "collaborator" ? me.role : null,
    language: isLanguage(me.language) ? me.language : null,
  };
}

function isTokenAnswer(value: unknown): value is TokenAnswer {
  if (typeof value !== "object" || value === null) return false;
  const answer = value as Partial<Record<keyof TokenAnswer, unknown>>;
  return typeof answer.access_token === "string" && typeof answer.expires_in === "number";
}

/** localStorage that may be missing or throw: then sessions are simply always probed. */
const hintStorage = {
  read(): number | null | undefined {
    try {
      const value = window.localStorage.getItem(SESSION_STORAGE_KEY);
      if (value === null) return null;
      const at = Number(value);
      return Number.isFinite(at) ? at : 0;
    } catch {
      return undefined;
    }
  },
  write(at: number): void {
    try {
      window.localStorage.setItem(SESSION_STORAGE_KEY, String(at));
    } catch {
      // Not shared with other tabs; this tab still works.
    }
  },
  clear(): void {
    try {
      window.localStorage.removeItem(SESSION_STORAGE_KEY);
    } catch {
      // Nothing to clear.
    }
  },
};

export class SessionManager {
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private readonly timings: SessionTimings;

  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  /** When this tab last renewed (user activity after it calls for the next renewal). */
  private lastRenewedAt = 0;
  /** When the server will end the session unless it is renewed. */
  private sessionEndsAt = 0;
  private lastActivityAt = 0;
  private refreshing: Promise<RefreshOutcome> | null = null;
  private restoring: Promise<void> | null = null;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private started = false;

  constructor(timings: SessionTimings = sessionTimings) {
    this.timings = timings;
    // `undefined`: storage unavailable, so we cannot know: probe.
    this.state = hintStorage.read() === null ? { status: "anonymous" } : { status: "loading" };
  }

  // --- store -------------------------------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  // --- life cycle --------------------------------------------------------------------------

  /** Starts listening and restores the session if there may be one. Safe to call twice. */
  start(): void {
    if (!this.started) {
      this.started = true;
      for (const type of ACTIVITY_EVENTS) {
        document.addEventListener(type, this.onActivity, { capture: true, passive: true });
      }
      window.addEventListener("storage", this.onStorage);
      document.addEventListener("visibilitychange", this.onVisibilityChange);
      if (this.state.status === "signedIn") this.schedule();
    }
    if (this.state.status === "loading") void this.restore();
  }

  stop(): void {
    this.started = false;
    for (const type of ACTIVITY_EVENTS) {
      document.removeEventListener(type, this.onActivity, { capture: true });
    }
    window.removeEventListener("storage", this.onStorage);
    document.removeEventListener("visibilitychange", this.onVisibilityChange);
    this.clearTimers();
  }

  private restore(): Promise<void> {
    this.restoring ??= (async () => {
      const outcome = await this.refresh();
      const user = outcome === "ok" ? await this.loadUser() : null;
      if (user === null) {
        if (outcome === "refused") hintStorage.clear();
        this.forget();
        this.setState({ status: "anonymous" });
        return;
      }
      this.becomeSignedIn(user);
    })().finally(() => {
      this.restoring = null;
    });
    return this.restoring;
  }

  // --- tokens ------------------------------------------------------------------------------

  /** Renews the access token (one renewal at a time, across tabs too). */
  refresh(): Promise<RefreshOutcome> {
    this.refreshing ??= this.withRefreshLock(() => this.renew()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
    if ("locks" in navigator && typeof navigator.locks.request === "function") {
      return navigator.locks.request(LOCK_NAME, task);
    }
    return task();
  }

  private async renew(): Promise<RefreshOutcome> {
    let result: ApiResult<unknown>;
    try {
      result = await toResult(await fetch(REFRESH_PATH, buildInit({ method: "POST" })));
    } catch {
      return "unavailable";
    }
    if (result.ok) {
      if (!isTokenAnswer(result.data)) return "unavailable";
      this.acceptTokens(result.data, result.headers.get("date"));
      return "ok";
    }
    const { status } = result.problem;
    return status === 429 || status === 0 || status >= 500 ? "unavailable" : "refused";
  }

  private acceptTokens(answer: TokenAnswer, dateHeader: string | null): void {
    const now = Date.now();
    this.accessToken = answer.access_token;
    this.accessExpiresAt = now + answer.expires_in * 1000;
    this.lastRenewedAt = now;
    const untilEnd = delayUntilServerTime(answer.refresh_expires_at, dateHeader, now);
    this.sessionEndsAt = now + (untilEnd ?? this.timings.idleTimeoutMs);
    hintStorage.write(this.sessionEndsAt);
    if (this.state.status === "signedIn") {
      this.setState({ ...this.state, idleDeadline: this.idleDeadline(), warning: false });
    }
    this.schedule();
  }

  private async loadUser(): Promise<SessionUser | null> {
    if (this.accessToken === null) return null;
    const result = await this.send<MeAnswer>(ME_PATH, { accessToken: this.accessToken });
    if (!result.ok) return null;
    const user = toUser(result.data);
    if (user.companyId === null || user.companyName !== null) return user;
    // Identity's `/me` names no company: organisation does (it heads the user menu).
    const institution = await this.send<{ readonly name?: unknown }>(INSTITUTION_PATH, {
      accessToken: this.accessToken,
    });
    const name = institution.ok ? institution.data.name : undefined;
    return typeof name === "string" && name !== "" ? { ...user, companyName: name } : user;
  }

  private async send<T>(path: string, request: ApiRequest): Promise<ApiResult<T>> {
    try {
      return await toResult<T>(await fetch(path, buildInit(request)), request.as);
    } catch {
      return { ok: false, problem: networkProblem };
    }
  }

  /**
   * Completes a sign-in with the tokens of `POST /auth/login/verify` (the refresh cookie came
   * with them) and that answer's Date header. Answers the user, or null when `/me` could not
   * be read.
   */
  async completeSignIn(
    tokens: TokenAnswer,
    dateHeader: string | null = null,
  ): Promise<SessionUser | null> {
    this.acceptTokens(tokens, dateHeader);
    const user = await this.loadUser();
    if (user === null) {
      this.forget();
      return null;
    }
    this.becomeSignedIn(user);
    return user;
  }

  private becomeSignedIn(user: SessionUser): void {
    this.lastActivityAt = Date.now();
    this.setState({ status: "signedIn", user, idleDeadline: this.idleDeadline(), warning: false });
    this.schedule();
  }

  /** "Rester connecté" in the warning, or any explicit wish to keep the session. */
  async stayConnected(): Promise<RefreshOutcome> {
    this.lastActivityAt = Date.now();
    const outcome = await this.refresh();
    if (outcome === "refused") this.expire();
    return outcome;
  }

  /** Ends the session on the server and here (all tabs follow). */
  async signOut(): Promise<void> {
    const token = this.accessToken;
    this.forget();
    hintStorage.clear();
    this.setState({ status: "anonymous" });
    await this.send(LOGOUT_PATH, {
      method: "POST",
      ...(token !== null && { accessToken: token }),
    });
  }

  /** The server already ended every session (e.g. after a password change): forget it here. */
  endLocally(): void {
    this.forget();
    hintStorage.clear();
    this.setState({ status: "anonymous" });
  }

  /**
   * An authorised API call. Renews the access token when needed; if the session cannot be
   * renewed the state becomes `expired` and the answer is a `session_expired` problem.
   */
  async call<T>(
    path: string,
    request: Omit<ApiRequest, "accessToken"> = {},
  ): Promise<ApiResult<T>> {
    this.lastActivityAt = Date.now();
    if (this.accessToken === null || Date.now() >= this.accessExpiresAt - 5_000) {
      const renewed = await this.renewForCall();
      if (renewed !== null) return renewed;
    }
    const first = await this.send<T>(path, { ...request, accessToken: this.accessToken ?? "" });
    // Only a refused token is worth a renewal; a 401 about the request itself (a wrong
    // current password) must not be sent twice.
    if (first.ok || first.problem.status !== 401 || !TOKEN_PROBLEMS.has(first.problem.code)) {
      return first;
    }
    const renewed = await this.renewForCall();
    if (renewed !== null) return renewed;
    return this.send<T>(path, { ...request, accessToken: this.accessToken ?? "" });
  }

  private async renewForCall(): Promise<{ ok: false; problem: Problem } | null> {
    if (this.state.status === "expired") return { ok: false, problem: sessionExpiredProblem };
    const outcome = await this.refresh();
    if (outcome === "ok") return null;
    if (outcome === "refused") {
      this.expire();
      return { ok: false, problem: sessionExpiredProblem };
    }
    return { ok: false, problem: networkProblem };
  }

  // --- timers ------------------------------------------------------------------------------

  private idleDeadline(): number {
    return this.sessionEndsAt;
  }

  private refreshDueAt(): number {
    return this.accessExpiresAt - this.timings.refreshBeforeExpiryMs;
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private at(time: number, action: () => void): void {
    this.timers.push(setTimeout(action, Math.max(0, time - Date.now())));
  }

  private schedule(): void {
    this.clearTimers();
    if (!this.started || this.accessToken === null) return;
    this.at(this.refreshDueAt(), this.onRefreshDue);
    const deadline = this.idleDeadline();
    this.at(deadline - this.timings.warnBeforeIdleMs, this.onWarningDue);
    this.at(deadline - this.timings.expiryMarginMs, this.onIdleDeadline);
  }

  private readonly onRefreshDue = (): void => {
    if (this.state.status !== "signedIn" || this.state.warning) return;
    // Idle since the last renewal: let the idle timeout approach (the warning comes first).
    if (this.lastActivityAt <= this.lastRenewedAt) return;
    void this.renewInBackground();
  };

  private async renewInBackground(): Promise<void> {
    const outcome = await this.refresh();
    if (outcome === "refused") this.expire();
    else if (outcome === "unavailable" && this.state.status === "signedIn") {
      this.at(Date.now() + this.timings.retryAfterFailureMs, this.onRefreshDue);
    }
  }

  private readonly onWarningDue = (): void => {
    if (this.state.status !== "signedIn") return;
    if (Date.now() < this.idleDeadline() - this.timings.warnBeforeIdleMs) return;
    this.setState({ ...this.state, warning: true });
  };

  private readonly onIdleDeadline = (): void => {
    if (this.state.status !== "signedIn") return;
    if (Date.now() < this.idleDeadline() - this.timings.expiryMarginMs) return;
    this.expire();
  };

  private expire(): void {
    if (this.state.status !== "signedIn") return;
    const { user } = this.state;
    this.forget();
    this.setState({ status: "expired", user });
  }

  private forget(): void {
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.sessionEndsAt = 0;
    this.clearTimers();
  }

  // --- events ------------------------------------------------------------------------------

  private readonly onActivity = (): void => {
    this.lastActivityAt = Date.now();
    if (this.state.status !== "signedIn" || this.state.warning) return;
    // Back after the renewal time passed while idle: renew now.
    if (Date.now() >= this.refreshDueAt()) void this.renewInBackground();
  };

  private readonly onVisibilityChange = (): void => {
    // Timers of hidden tabs are throttled: catch up when the tab is seen again.
    if (document.visibilityState !== "visible" || this.state.status !== "signedIn") return;
    if (Date.now() >= this.idleDeadline() - this.timings.expiryMarginMs) this.onIdleDeadline();
    else if (Date.now() >= this.idleDeadline() - this.timings.warnBeforeIdleMs) this.onWarningDue();
  };

  /** Another tab renewed the session (its new end) or signed out (removed). */
  private readonly onStorage = (event: StorageEvent): void => {
    if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
    const endsAt = hintStorage.read();
    if (endsAt === null) {
      if (this.state.status === "signedIn" || this.state.status === "expired") {
        this.forget();
        this.setState({ status: "anonymous" });
      }
      return;
    }
    if (endsAt === undefined || endsAt <= this.sessionEndsAt) return;
    if (this.state.status === "signedIn") {
      // The server's idle clock restarted; our own access token stays as it is.
      this.sessionEndsAt = endsAt;
      this.setState({ ...this.state, idleDeadline: this.idleDeadline(), warning: false });
      this.schedule();
    } else if (this.state.status === "expired") {
      // Signed in again elsewhere: the new cookie is ours too.
      void this.rejoin(this.state.user);
    }
  };

  private async rejoin(previous: SessionUser): Promise<void> {
    if ((await this.refresh()) !== "ok") return;
    const user = await this.loadUser();
    if (user?.accountId === previous.accountId) this.becomeSignedIn(user);
    else this.forget();
  }
}
