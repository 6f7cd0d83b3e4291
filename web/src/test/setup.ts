/** Test set-up: DOM matchers, and a clean browser state between tests. */
import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// jsdom lays nothing out, so it has no scrolling: the summary's links call this.
Element.prototype.scrollIntoView = function scrollIntoView() {
  // Nothing to scroll.
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.localStorage.clear();
  window.history.replaceState(null, "", "/");
  document.documentElement.lang = "";
  document.title = "";
});
