import { act, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { fakeServer, json, LOGIN, REFRESH, tokens, VERIFY, JEAN } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const MINUTE = 60_000;

async function pass(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function useClock() {
  vi.useFakeTimers({
    shouldAdvanceTime: true,
    toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
  });
}

describe("session timeout", () => {
  it("warns three minutes ahead; staying renews the session", async () => {
    useClock();
    const server = fakeServer();
    await renderApp({
      path: "/mon-compte",
      signedInAs: JEAN,
      server,
      advanceTimers: (ms) => vi.advanceTimersByTime(ms),
    });
    expect(screen.queryByRole("alertdialog")).toBeNull();

    await pass(27 * MINUTE);
    const warning = screen.getByRole("alertdialog", { name: "Votre session va bientôt expirer" });
    expect(warning).toHaveAccessibleDescription(
      /^Sans activité de votre part, vous serez déconnecté dans 2:45\. Ce que vous avez saisi est conservé\.$/,
    );
    const stay = within(warning).getByRole("button", { name: "Rester connecté" });
    expect(stay).toHaveFocus();

    await act(async () => {
      stay.click();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(server.sent(REFRESH)).toHaveLength(2);
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("after the timeout, signs in again inside a dialog and keeps what was typed", async () => {
    useClock();
    const server = fakeServer({
      [LOGIN]: () =>
        json(200, {
          challenge_id: "c-2",
          mobile_hint: "+41 79 *** ** 67",
          resend_available_at: new Date(Date.now() + 60_000).toISOString(),
          expires_at: new Date(Date.now() + 300_000).toISOString(),
        }),
      [VERIFY]: () => tokens(),
    });
    const { user } = await renderApp({
      path: "/mon-compte",
      signedInAs: JEAN,
      server,
      advanceTimers: (ms) => vi.advanceTimersByTime(ms),
    });
    await user.type(screen.getByLabelText("Mot de passe actuel"), "typed before the break");

    // Typing counted as activity: renewed at 14 minutes, so the timeout is at 44.
    await pass(30 * MINUTE);
    expect(server.sent(REFRESH)).toHaveLength(2);
    expect(screen.queryByRole("dialog")).toBeNull();
    await pass(14 * MINUTE);

    const dialog = screen.getByRole("dialog", { name: "Votre session a expiré" });
    expect(within(dialog).getByLabelText("Email")).toHaveValue("jean.dupont@testing.ch");
    // The page is still there, with what the user typed.
    expect(screen.getByRole("heading", { level: 1, name: "Mon compte" })).toBeInTheDocument();
    expect(window.location.pathname).toBe("/mon-compte");

    await user.type(within(dialog).getByLabelText("Mot de passe"), "correct horse battery");
    await user.click(within(dialog).getByRole("button", { name: "Se connecter" }));
    await user.type(await within(dialog).findByLabelText("Code d'accès"), "123456");
    await user.click(within(dialog).getByRole("button", { name: "Se connecter" }));

    await vi.waitFor(() => {
      expect(screen.queryByRole("dialog")).toBeNull();
    });
    expect(window.location.pathname).toBe("/mon-compte");
    expect(screen.getByLabelText("Mot de passe actuel")).toHaveValue("typed before the break");
  });
});
