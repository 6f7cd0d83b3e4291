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

export function navigate(to: string): void {
  window.history.pushState(null, "", to);
  navigationCount += 1;
  notify();
}

/**
 * True once the user has moved inside the app. Pages move focus to their heading only then:
 * on the first load the browser's own focus handling must be left alone.
 */
export function hasNavigated(): boolean {
  return navigationCount > 0;
}
