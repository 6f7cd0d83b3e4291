/**
 * Session timings (DOMAIN.md "Sessions"): the server decides, the web only has to stay just
 * ahead of it. Kept here, not spread in code, because the numbers are configuration.
 */
export interface SessionTimings {
  /** Renew the access token this long before it expires, if the user was active. */
  readonly refreshBeforeExpiryMs: number;
  /** The refresh token dies after this long without use (server: 30 minutes idle). */
  readonly idleTimeoutMs: number;
  /** Warn this long before the idle timeout. */
  readonly warnBeforeIdleMs: number;
  /** Give up this long before the server would, so "stay signed in" never arrives late. */
  readonly expiryMarginMs: number;
  /** After a failed renewal that was not a refusal (network, 5xx, rate limit). */
  readonly retryAfterFailureMs: number;
}

export const sessionTimings: SessionTimings = {
  refreshBeforeExpiryMs: 60_000,
  idleTimeoutMs: 30 * 60_000,
  warnBeforeIdleMs: 3 * 60_000,
  expiryMarginMs: 15_000,
  retryAfterFailureMs: 15_000,
};
