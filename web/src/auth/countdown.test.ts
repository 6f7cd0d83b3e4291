import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { de } from "../i18n/de";
import { fr } from "../i18n/fr";
import {
  delayUntilServerTime,
  formatClock,
  formatDuration,
  secondsLeft,
  useCountdown,
} from "./countdown";

describe("countdown arithmetic", () => {
  it("rounds up: one second is left until it is really over", () => {
    expect(secondsLeft(60_000, 0)).toBe(60);
    expect(secondsLeft(60_000, 1)).toBe(60);
    expect(secondsLeft(60_000, 59_001)).toBe(1);
    expect(secondsLeft(60_000, 60_000)).toBe(0);
    expect(secondsLeft(60_000, 90_000)).toBe(0);
  });

  it("words durations in seconds, then minutes", () => {
    expect(formatDuration(59, fr)).toBe("59 s");
    expect(formatDuration(60, de)).toBe("60 s");
    expect(formatDuration(91, de)).toBe("2 min");
    expect(formatDuration(1799, fr)).toBe("30 min");
    expect(formatClock(179)).toBe("2:59");
    expect(formatClock(5)).toBe("0:05");
  });

  it("measures the server's times against the server's clock", () => {
    const clientNow = Date.parse("2026-11-27T08:00:00Z");
    // The user's computer is ten minutes late; the server says "in 60 s" by its own clock.
    const serverDate = new Date(clientNow + 10 * 60_000).toUTCString();
    const availableAt = new Date(clientNow + 10 * 60_000 + 60_000).toISOString();
    expect(delayUntilServerTime(availableAt, serverDate, clientNow)).toBe(60_000);
  });

  it("does not count the milliseconds the Date header leaves out", () => {
    // Sent at 08:00:00.700 (the header says 08:00:00), a new code from 08:01:00.700.
    expect(
      delayUntilServerTime("2026-11-27T08:01:00.700Z", "Fri, 27 Nov 2026 08:00:00 GMT", 0),
    ).toBe(60_000);
  });

  it("uses the local clock without a Date header, and never goes negative", () => {
    const clientNow = Date.parse("2026-11-27T08:00:00Z");
    expect(delayUntilServerTime("2026-11-27T08:00:45Z", null, clientNow)).toBe(45_000);
    expect(delayUntilServerTime("2026-11-27T07:00:00Z", null, clientNow)).toBe(0);
    expect(delayUntilServerTime("not a date", null, clientNow)).toBeNull();
    expect(delayUntilServerTime(undefined, null, clientNow)).toBeNull();
  });
});

describe("useCountdown", () => {
  it("counts down each second, stops at zero and restarts", () => {
    vi.useFakeTimers({ now: 0, toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { result } = renderHook(() => useCountdown(60_000));
    expect(result.current.secondsLeft).toBe(60);

    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(result.current.secondsLeft).toBe(59);

    act(() => {
      vi.advanceTimersByTime(58_999);
    });
    expect(result.current.secondsLeft).toBe(1);

    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(result.current.secondsLeft).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    act(() => {
      result.current.restart(Date.now() + 30_000);
    });
    expect(result.current.secondsLeft).toBe(30);
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(result.current.secondsLeft).toBe(0);
  });

  it("shows nothing to wait for without a deadline", () => {
    const { result } = renderHook(() => useCountdown(null));
    expect(result.current.secondsLeft).toBe(0);
  });
});
