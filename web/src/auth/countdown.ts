/** Countdowns shown to the user ("J'ai besoin d'un nouveau code d'accès", session warning). */
import { useCallback, useEffect, useState } from "react";
import type { Messages } from "../i18n/messages";

/** Whole seconds left until `deadline` (rounded up: "1 s" until it is really over). */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** Seconds up to a minute and a half ("60 s", "42 s"), then whole minutes rounded up. */
export function formatDuration(seconds: number, t: Messages): string {
  return seconds <= 90 ? t.duration.seconds(seconds) : t.duration.minutes(Math.ceil(seconds / 60));
}

/** "m:ss", for a countdown that changes every second. */
export function formatClock(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes)}:${String(seconds % 60).padStart(2, "0")}`;
}

const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long until a server time (`resend_available_at`), measured against the server's own
 * clock (the answer's Date header) so that a wrong clock on the user's computer does not
 * matter. Null when the time is missing or unreadable.
 */
export function delayUntilServerTime(
  target: string | undefined,
  dateHeader: string | null,
  clientNow: number,
): number | null {
  if (target === undefined) return null;
  const at = Date.parse(target);
  if (Number.isNaN(at)) return null;
  const serverNow = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  if (Number.isNaN(serverNow)) return Math.min(MAX_DELAY_MS, Math.max(0, at - clientNow));
  // The Date header drops the milliseconds (the server's "now" was up to a second later):
  // whole seconds, so that "60 s" reads 60 and not 61.
  const delay = Math.floor((at - serverNow) / 1000) * 1000;
  return Math.min(MAX_DELAY_MS, Math.max(0, delay));
}

interface CountdownState {
  readonly deadline: number;
  readonly now: number;
}

/**
 * Seconds left until a deadline (a `Date.now()` time), re-rendering each time the number
 * changes and stopping at 0. `restart` sets a new deadline.
 */
export function useCountdown(initialDeadline: number | null) {
  const [state, setState] = useState<CountdownState | null>(() =>
    initialDeadline === null ? null : { deadline: initialDeadline, now: Date.now() },
  );

  const restart = useCallback((deadline: number) => {
    setState({ deadline, now: Date.now() });
  }, []);

  useEffect(() => {
    if (state === null || state.now >= state.deadline) return;
    // Wake up exactly when the shown number changes.
    const untilNextSecond = (state.deadline - state.now) % 1000 || 1000;
    const timer = setTimeout(() => {
      setState((current) => current && { ...current, now: Date.now() });
    }, untilNextSecond);
    return () => {
      clearTimeout(timer);
    };
  }, [state]);

  return { secondsLeft: state === null ? 0 : secondsLeft(state.deadline, state.now), restart };
}
