/** The browser location as a React store: read the path, navigate, know if the user moved. */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let navigationCount = 0;

function notify(): void {
  for (const listener of listeners) listener();
}

function onPopState(): void {
  navigationCount += 1;
  notify();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener("popstate", onPopState);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener("popstate", onPopState);
  };
}

function currentPathname(): string {
  return window.location.pathname;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPathname);
}

/** One query parameter of the current address (pages are keyed by path, so read it once). */
export function searchParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

export interface NavigateOptions {
  /**
   * A redirect (the user did not ask to move): replaces the history entry and leaves the
   * browser's focus handling alone, as on a first load.
   */
  readonly redirect?: boolean;
  /** Carried in the history entry, e.g. a notice for the next page (see `historyState`). */
  readonly state?: unknown;
}

export function navigate(
  to: string,
  { redirect = false, state = null }: NavigateOptions = {},
): void {
  if (redirect) {
    window.history.replaceState(state, "", to);
  } else {
    window.history.pushState(state, "", to);
    navigationCount += 1;
  }
  notify();
}

/** What the navigation to the current entry carried, if anything. */
export function historyState(): unknown {
  return window.history.state as unknown;
}

/**
 * True once the user has moved inside the app. Pages move focus to their heading only then:
 * on the first load the browser's own focus handling must be left alone.
 */
export function hasNavigated(): boolean {
  return navigationCount > 0;
}
