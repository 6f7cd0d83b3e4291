/** Renders the whole app at an address, as a browser with a given preferred language would. */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";
import { App } from "../App";
import { SESSION_STORAGE_KEY } from "../session/SessionManager";
import { fakeServer, signedInRoutes, type FakeServer, type MeBody } from "./fakeServer";

interface Options {
  readonly path?: string;
  /** The browser's preferred language, e.g. "fr-CH" or "de-CH". */
  readonly browserLanguage?: string;
  /** Signed in before (the refresh cookie is good) as this user; anonymous otherwise. */
  readonly signedInAs?: MeBody;
  /** Routes of the fake API (added to those of a signed-in user). */
  readonly server?: FakeServer;
  /** Fake timers need user-event to advance them. */
  readonly advanceTimers?: (ms: number) => unknown;
}

export async function renderApp({
  path = "/",
  browserLanguage = "fr-CH",
  signedInAs,
  server = fakeServer(),
  advanceTimers,
}: Options = {}) {
  vi.spyOn(navigator, "language", "get").mockReturnValue(browserLanguage);
  vi.spyOn(navigator, "languages", "get").mockReturnValue([browserLanguage]);
  window.history.replaceState(null, "", path);
  if (signedInAs !== undefined) {
    for (const [route, handler] of Object.entries(signedInRoutes(signedInAs))) {
      if (!server.has(route)) server.on(route, handler);
    }
    window.localStorage.setItem(SESSION_STORAGE_KEY, String(Date.now()));
  }
  const user = userEvent.setup(advanceTimers === undefined ? {} : { advanceTimers });
  const rendered = render(<App />);
  // Every page has a level-1 heading once the session is known and the route settled.
  await screen.findByRole("heading", { level: 1 });
  return { user, server, ...rendered };
}
