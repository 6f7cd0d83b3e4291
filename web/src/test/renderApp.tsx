/** Renders the whole app at an address, as a browser with a given preferred language would. */
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";
import { App } from "../App";

interface Options {
  readonly path?: string;
  /** The browser's preferred language, e.g. "fr-CH" or "de-CH". */
  readonly browserLanguage?: string;
}

export function renderApp({ path = "/", browserLanguage = "fr-CH" }: Options = {}) {
  vi.spyOn(navigator, "language", "get").mockReturnValue(browserLanguage);
  vi.spyOn(navigator, "languages", "get").mockReturnValue([browserLanguage]);
  window.history.replaceState(null, "", path);
  const user = userEvent.setup();
  return { user, ...render(<App />) };
}
