import { act, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import {
  fakeServer,
  JEAN,
  json,
  LOGIN,
  ME,
  problem,
  RESEND,
  tokens,
  VERIFY,
  type FakeServer,
} from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

/** identity's answer to a good e-mail and password, timed by the server's clock. */
function challenge(serverNow = Date.now()) {
  return json(
    200,
    {
      challenge_id: "c-1",
      mobile_hint: "+41 79 *** ** 67",
      resend_available_at: new Date(serverNow + 60_000).toISOString(),
      expires_at: new Date(serverNow + 300_000).toISOString(),
    },
    { date: new Date(serverNow).toUTCString() },
  );
}

function loginServer(): FakeServer {
  return fakeServer({
    [LOGIN]: () => challenge(),
    [VERIFY]: () => tokens(),
    [ME]: () => json(200, JEAN),
  });
}

type User = Awaited<ReturnType<typeof renderApp>>["user"];

async function enterCredentials(user: User, email = "jean.dupont@testing.ch") {
  await user.type(screen.getByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Mot de passe"), "correct horse battery");
  await user.click(screen.getByRole("button", { name: "Se connecter" }));
  return screen.findByLabelText("Code d'accès");
}

describe("signing in", () => {
  it("asks for the e-mail and password, then the SMS code, then shows the counter", async () => {
    const server = loginServer();
    const { user } = await renderApp({ path: "/connexion", server });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Connexion");
    expect(screen.getByRole("link", { name: "Mot de passe oublié ?" })).toHaveAttribute(
      "href",
      "/mot-de-passe/oublie",
    );
    expect(screen.getByRole("link", { name: "S'inscrire" })).toHaveAttribute(
      "href",
      "/inscription",
    );

    const code = await enterCredentials(user);
    expect(server.sent(LOGIN)[0]?.body).toEqual({
      email: "jean.dupont@testing.ch",
      password: "correct horse battery",
    });
    expect(server.sent(LOGIN)[0]?.headers.get("accept-language")).toBe("fr");
    expect(
      screen.getByText("Pour vous connecter, entrez le code d'accès sécurisé reçu par SMS."),
    ).toBeVisible();
    expect(screen.getByText("Le code a été envoyé au +41 79 *** ** 67.")).toBeVisible();
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    expect(code).toHaveAttribute("inputmode", "numeric");
    expect(code).not.toHaveAttribute("maxlength");
    expect(code).toHaveFocus();

    // Pasted from the SMS, with a space.
    await user.paste("123 456");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Guichet" })).toBeVisible();
    expect(window.location.pathname).toBe("/");
    expect(server.sent(VERIFY)[0]?.body).toEqual({ challenge_id: "c-1", code: "123456" });
    expect(screen.getByRole("button", { name: "Dupont Jean Testing SA" })).toBeVisible();
  });

  it("checks the fields before sending anything", async () => {
    const server = loginServer();
    const { user } = await renderApp({ path: "/connexion", server });
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    const summary = screen.getByRole("heading", { name: "Le formulaire contient 2 erreurs" });
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription(
      "Erreur\u00a0: Le champ Email est obligatoire.",
    );
    expect(screen.getByLabelText("Email")).toBeInvalid();
    expect(server.requests).toEqual([]);

    await user.click(screen.getByRole("link", { name: "Le champ Mot de passe est obligatoire." }));
    expect(screen.getByLabelText("Mot de passe")).toHaveFocus();
  });

  it.each([
    [problem(401, "invalid_credentials"), "Email ou mot de passe incorrect."],
    [
      problem(429, "locked", { detail: "Locked." }),
      "Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes",
    ],
    [
      new Response("local_rate_limited", { status: 429, headers: { "retry-after": "60" } }),
      "Trop de tentatives de connexion, veuillez réessayer d'ici quelques minutes",
    ],
    [
      problem(403, "account_pending"),
      "Votre inscription n'a pas encore été validée par l'Office AI. Vous serez averti par email.",
    ],
    [
      problem(429, "resend_limit", { retry_after: 1200 }, { "retry-after": "1200" }),
      "Trop de codes d'accès ont été envoyés pour ce compte. Réessayez dans 20 min.",
    ],
  ])("explains a refusal (%#)", async (answer, message) => {
    const server = fakeServer({ [LOGIN]: () => answer });
    const { user } = await renderApp({ path: "/connexion", server });
    await user.type(screen.getByLabelText("Email"), "jean.dupont@testing.ch");
    await user.type(screen.getByLabelText("Mot de passe"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    const shown = await screen.findByText(message);
    expect(shown.parentElement).toHaveFocus();
  });

  it("gives the lockout message in German", async () => {
    const server = fakeServer({ [LOGIN]: () => problem(429, "locked") });
    const { user } = await renderApp({ path: "/connexion", browserLanguage: "de-CH", server });
    await user.type(screen.getByLabelText("E-Mail"), "jean.dupont@testing.ch");
    await user.type(screen.getByLabelText("Passwort"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(
      await screen.findByText(
        "Zu viele Anmeldeversuche, bitte versuchen Sie es in einigen Minuten erneut",
      ),
    ).toBeVisible();
    expect(server.sent(LOGIN)[0]?.headers.get("accept-language")).toBe("de");
  });

  it("shows a wrong code under the field and in the summary", async () => {
    const server = loginServer();
    server.on(VERIFY, () => problem(422, "invalid_code", { attempts_left: 2 }));
    const { user } = await renderApp({ path: "/connexion", server });
    await enterCredentials(user);
    await user.type(screen.getByLabelText("Code d'accès"), "654321");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    // The message names the field already: the summary does not repeat the label.
    const link = await screen.findByRole("link", {
      name: "Ce code d'accès est incorrect. Il vous reste 2 essais.",
    });
    expect(link).toHaveAttribute("href", "#sign-in-code");
    expect(screen.getByLabelText("Code d'accès")).toHaveAccessibleDescription(
      expect.stringContaining("Ce code d'accès est incorrect. Il vous reste 2 essais."),
    );
  });

  it("starts again when the attempt is void, keeping the e-mail", async () => {
    const server = loginServer();
    server.on(VERIFY, () => problem(410, "challenge_void"));
    const { user } = await renderApp({ path: "/connexion", server });
    await enterCredentials(user);
    await user.type(screen.getByLabelText("Code d'accès"), "654321");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    expect(
      await screen.findByText(
        "Ce code d'accès n'est plus valable (expiré, déjà utilisé ou trop d'essais). Veuillez vous reconnecter.",
      ),
    ).toBeVisible();
    expect(screen.getByLabelText("Email")).toHaveValue("jean.dupont@testing.ch");
    expect(screen.getByLabelText("Mot de passe")).toHaveValue("");
  });

  it("sends a visitor of a protected page to sign in, and back", async () => {
    const server = loginServer();
    const { user } = await renderApp({ path: "/mon-compte", server });
    expect(window.location.pathname + window.location.search).toBe(
      "/connexion?retour=%2Fmon-compte",
    );
    await enterCredentials(user);
    await user.type(screen.getByLabelText("Code d'accès"), "123456");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
    expect(window.location.pathname).toBe("/mon-compte");
  });

  it("ignores a return address outside the app", async () => {
    const server = loginServer();
    const { user } = await renderApp({ path: "/connexion?retour=//evil.example", server });
    await enterCredentials(user);
    await user.type(screen.getByLabelText("Code d'accès"), "123456");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Guichet" })).toBeVisible();
  });
});

describe("J'ai besoin d'un nouveau code d'accès", () => {
  function useClock() {
    vi.useFakeTimers({
      shouldAdvanceTime: true,
      toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"],
    });
  }

  /** Lets time pass second by second (React re-arms the countdown's timer after each). */
  function tick(ms: number) {
    for (let elapsed = 0; elapsed < ms; elapsed += 1_000) {
      act(() => {
        vi.advanceTimersByTime(Math.min(1_000, ms - elapsed));
      });
    }
  }

  it("opens 60 seconds after the send, with a visible countdown, whatever the local clock", async () => {
    useClock();
    // The server's clock is ten minutes ahead of this computer's.
    const server = loginServer();
    server.on(LOGIN, () => challenge(Date.now() + 10 * 60_000));
    server.on(RESEND, () =>
      json(
        202,
        { resend_available_at: new Date(Date.now() + 10 * 60_000 + 60_000).toISOString() },
        { date: new Date(Date.now() + 10 * 60_000).toUTCString() },
      ),
    );
    const { user } = await renderApp({
      path: "/connexion",
      server,
      advanceTimers: (ms) => vi.advanceTimersByTime(ms),
    });
    await enterCredentials(user);

    const resend = screen.getByRole("button", { name: "J'ai besoin d'un nouveau code d'accès" });
    expect(resend).toBeDisabled();
    expect(screen.getByText(/^Disponible dans (60|59) s$/)).toBeVisible();

    tick(30_000);
    expect(screen.getByText(/^Disponible dans (30|29) s$/)).toBeVisible();
    expect(resend).toBeDisabled();

    tick(30_000);
    expect(resend).toBeEnabled();
    expect(screen.queryByText(/^Disponible dans/)).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Vous pouvez demander un nouveau code d'accès.",
    );

    await user.click(resend);
    expect(server.sent(RESEND)[0]?.body).toEqual({ challenge_id: "c-1" });
    expect(await screen.findByText(/^Disponible dans (60|59) s$/)).toBeVisible();
    expect(resend).toBeDisabled();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Un nouveau code d'accès vous a été envoyé par SMS.",
    );
    expect(screen.getByLabelText("Code d'accès")).toHaveFocus();
  });

  it("says when too many codes were asked for, and how long to wait", async () => {
    useClock();
    const server = loginServer();
    server.on(RESEND, () => problem(429, "resend_limit", { retry_after: 1800 }));
    const { user } = await renderApp({
      path: "/connexion",
      server,
      advanceTimers: (ms) => vi.advanceTimersByTime(ms),
    });
    await enterCredentials(user);
    tick(60_000);
    await user.click(screen.getByRole("button", { name: "J'ai besoin d'un nouveau code d'accès" }));

    const status = screen.getByRole("status");
    expect(
      await within(status).findByText(
        "Vous avez demandé trop de codes d'accès. Réessayez dans 30 min.",
      ),
    ).toBeVisible();
    expect(
      screen.getByRole("button", { name: "J'ai besoin d'un nouveau code d'accès" }),
    ).toBeDisabled();
    expect(screen.getByText("Disponible dans 30 min")).toBeVisible();
  });

  it("sends back to a new login once this attempt had all its codes", async () => {
    useClock();
    const server = loginServer();
    server.on(RESEND, () => problem(429, "resend_limit", { retry_after: null }));
    const { user } = await renderApp({
      path: "/connexion",
      server,
      advanceTimers: (ms) => vi.advanceTimersByTime(ms),
    });
    await enterCredentials(user);
    tick(60_000);
    const resend = screen.getByRole("button", { name: "J'ai besoin d'un nouveau code d'accès" });
    await user.click(resend);
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Vous avez demandé le nombre maximal de codes pour cette connexion. Recommencez la connexion pour en recevoir un nouveau.",
    );
    expect(resend).toBeDisabled();
    tick(120_000);
    expect(resend).toBeDisabled();
  });

  it("waits again when the server says it is too soon", async () => {
    useClock();
    const server = loginServer();
    server.on(RESEND, () => problem(429, "resend_too_soon", { retry_after: 20 }));
    const { user } = await renderApp({
      path: "/connexion",
      server,
      advanceTimers: (ms) => vi.advanceTimersByTime(ms),
    });
    await enterCredentials(user);
    tick(60_000);
    await user.click(screen.getByRole("button", { name: "J'ai besoin d'un nouveau code d'accès" }));
    expect(await screen.findByText(/^Disponible dans (20|19) s$/)).toBeVisible();
  });
});
