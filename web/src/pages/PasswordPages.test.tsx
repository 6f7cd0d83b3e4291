import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SESSION_STORAGE_KEY } from "../session/SessionManager";
import { fakeServer, JEAN, json, noContent, problem, REFRESH } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const FORGOT = "POST /api/identity/auth/password/forgot";
const RESET = "POST /api/identity/auth/password/reset";
const INVITATION = "POST /api/identity/auth/invitations/lookup";
const ACCEPT = "POST /api/identity/auth/invitations/accept";
const CHANGE = "POST /api/identity/me/password";

type User = Awaited<ReturnType<typeof renderApp>>["user"];

async function choosePassword(user: User, label: string, password: string) {
  await user.type(screen.getByLabelText(label), password);
  await user.type(screen.getByLabelText("Confirmation du mot de passe"), password);
}

describe("forgotten password", () => {
  it.each([
    ["an account", () => noContent(202)],
    ["an unknown address", () => noContent(202)],
    ["a server that says more than it should", () => problem(404, "not_found")],
  ])("gives the same answer for %s", async (_, answer) => {
    const server = fakeServer({ [FORGOT]: answer });
    const { user } = await renderApp({ path: "/connexion", server });
    await user.click(screen.getByRole("link", { name: "Mot de passe oublié ?" }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Mot de passe oublié");

    await user.type(screen.getByLabelText("Email"), "jean.dupont@testing.ch");
    await user.click(screen.getByRole("button", { name: "Réinitialiser le mot de passe" }));

    const sent = await screen.findByText(/^Si un compte existe avec cette adresse/);
    expect(sent).toHaveFocus();
    expect(server.sent(FORGOT)[0]?.body).toEqual({
      email: "jean.dupont@testing.ch",
      language: "fr",
    });
  });

  it("says when the server cannot be reached instead of pretending it sent something", async () => {
    const server = fakeServer({
      [FORGOT]: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    const { user } = await renderApp({ path: "/mot-de-passe/oublie", server });
    await user.type(screen.getByLabelText("Email"), "jean.dupont@testing.ch");
    await user.click(screen.getByRole("button", { name: "Réinitialiser le mot de passe" }));
    expect(
      await screen.findByText("Le serveur ne répond pas. Vérifiez votre connexion et réessayez."),
    ).toBeVisible();
    expect(screen.queryByText(/^Si un compte existe/)).toBeNull();
  });
});

describe("new password from the e-mailed link", () => {
  it("takes the token out of the address, sets the password and leads to sign-in", async () => {
    const server = fakeServer({ [RESET]: () => noContent() });
    const { user } = await renderApp({ path: "/mot-de-passe/nouveau?token=abc-123", server });
    expect(window.location.search).toBe("");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Mot de passe oublié");

    await choosePassword(user, "Nouveau mot de passe", "a new long passphrase");
    await user.click(screen.getByRole("button", { name: "Réinitialiser le mot de passe" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Votre mot de passe a été modifié. Vous pouvez vous connecter avec votre nouveau mot de passe.",
    );
    expect(server.sent(RESET)[0]?.body).toEqual({
      token: "abc-123",
      password: "a new long passphrase",
      password_confirmation: "a new long passphrase",
    });
  });

  it("explains a used, expired or superseded link", async () => {
    const server = fakeServer({ [RESET]: () => problem(410, "token_void") });
    const { user } = await renderApp({ path: "/mot-de-passe/nouveau?token=old", server });
    await choosePassword(user, "Nouveau mot de passe", "a new long passphrase");
    await user.click(screen.getByRole("button", { name: "Réinitialiser le mot de passe" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/Ce lien n'est plus valable/);
    expect(screen.getByRole("link", { name: "Demander un nouveau lien" })).toHaveAttribute(
      "href",
      "/mot-de-passe/oublie",
    );
  });

  it("shows the password policy's refusal under the field", async () => {
    const server = fakeServer({
      [RESET]: () =>
        problem(422, "validation_failed", {
          errors: [
            {
              field: "password",
              code: "password_common",
              message: "Ce mot de passe est trop courant.",
            },
          ],
        }),
    });
    const { user } = await renderApp({ path: "/mot-de-passe/nouveau?token=t", server });
    await choosePassword(user, "Nouveau mot de passe", "password1234");
    await user.click(screen.getByRole("button", { name: "Réinitialiser le mot de passe" }));
    expect(
      await screen.findByRole("link", {
        name: "Nouveau mot de passe\u00a0: Ce mot de passe est trop courant.",
      }),
    ).toBeVisible();
    expect(screen.getByLabelText("Nouveau mot de passe")).toHaveAccessibleDescription(
      "Au moins 12 caractères. Erreur\u00a0: Ce mot de passe est trop courant.",
    );
  });

  it("says so at once when the link has no token", async () => {
    await renderApp({ path: "/mot-de-passe/nouveau" });
    expect(screen.getByRole("alert")).toHaveTextContent(/Ce lien n'est plus valable/);
  });
});

describe("invitation", () => {
  it("welcomes the collaborator, saves the password and proposes to sign in", async () => {
    const server = fakeServer({
      [INVITATION]: () => json(200, { email: "sandra.k@testing.ch", first_name: "Sandra" }),
      [ACCEPT]: () => noContent(),
    });
    const { user } = await renderApp({ path: "/invitation?token=tok%2Fen", server });
    expect(
      await screen.findByText(
        "Bienvenue Sandra. Choisissez le mot de passe de votre compte sandra.k@testing.ch.",
      ),
    ).toBeVisible();
    await choosePassword(user, "Mot de passe", "sandra's own passphrase");
    await user.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter.",
    );
    expect(screen.getByLabelText("Email")).toHaveValue("sandra.k@testing.ch");
    // Looked up by POST: the token stays out of URLs and access logs.
    expect(server.sent(INVITATION)[0]?.body).toEqual({ token: "tok/en" });
    expect(server.sent(ACCEPT)[0]?.body).toEqual({
      token: "tok/en",
      password: "sandra's own passphrase",
      password_confirmation: "sandra's own passphrase",
    });
  });

  it("explains a link that is no longer valid", async () => {
    const server = fakeServer({ [INVITATION]: () => problem(410, "token_void") });
    await renderApp({ path: "/invitation?token=tok%2Fen", server, browserLanguage: "de-CH" });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      /^Dieser Einladungslink ist nicht mehr gültig/,
    );
  });
});

describe("Mon compte", () => {
  it("shows the user's information and changes the password, which ends the session", async () => {
    const server = fakeServer({ [CHANGE]: () => noContent() });
    const { user } = await renderApp({ path: "/mon-compte", signedInAs: JEAN, server });
    expect(screen.getByRole("region", { name: "Mes informations" })).toHaveTextContent(
      /Dupont Jean.*jean\.dupont@testing\.ch.*\+41 79 123 45 67.*Testing SA.*Gérant/,
    );

    await user.type(screen.getByLabelText("Mot de passe actuel"), "correct horse battery");
    await choosePassword(user, "Nouveau mot de passe", "an even better passphrase");
    await user.click(screen.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent(/toutes vos sessions ont été fermées/);
    expect(screen.getByLabelText("Email")).toHaveValue("jean.dupont@testing.ch");
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    const sent = server.sent(CHANGE)[0];
    expect(sent?.headers.get("authorization")).toMatch(/^Bearer access-/);
    expect(sent?.body).toEqual({
      current_password: "correct horse battery",
      password: "an even better passphrase",
      password_confirmation: "an even better passphrase",
    });
  });

  it.each([
    [
      "a field error",
      () =>
        problem(422, "validation_failed", {
          errors: [
            { field: "current_password", code: "wrong", message: "Mot de passe actuel faux." },
          ],
        }),
      "Mot de passe actuel faux.",
    ],
    [
      "a refusal code",
      () => problem(401, "invalid_credentials"),
      "Le mot de passe actuel est incorrect.",
    ],
  ])("shows a wrong current password under its field (%s)", async (_, answer, message) => {
    const server = fakeServer({ [CHANGE]: answer });
    const { user } = await renderApp({ path: "/mon-compte", signedInAs: JEAN, server });
    await user.type(screen.getByLabelText("Mot de passe actuel"), "not my password");
    await choosePassword(user, "Nouveau mot de passe", "an even better passphrase");
    await user.click(screen.getByRole("button", { name: "Enregistrer le nouveau mot de passe" }));

    expect(await screen.findByLabelText("Mot de passe actuel")).toHaveAccessibleDescription(
      `Erreur\u00a0: ${message}`,
    );
    expect(window.location.pathname).toBe("/mon-compte");
    // Sent once: a refused password is not retried as if the token had expired.
    expect(server.sent(CHANGE)).toHaveLength(1);
    expect(server.sent(REFRESH)).toHaveLength(1);
  });
});
