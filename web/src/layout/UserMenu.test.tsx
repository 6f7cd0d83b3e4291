import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SESSION_STORAGE_KEY } from "../session/SessionManager";
import { fakeServer, JEAN, json, LOGOUT, type MeBody } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

function entries() {
  return within(screen.getByRole("menu"))
    .getAllByRole("menuitem")
    .map((item) => item.textContent);
}

describe("user menu", () => {
  it("shows the user's name and company and the entries in French", async () => {
    const { user } = await renderApp({ browserLanguage: "fr-CH", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: "Dupont Jean Testing SA" }));
    expect(entries()).toEqual([
      "Guichet",
      "Mon compte",
      "Ma société",
      "Bénéficiaires",
      "Déconnexion",
    ]);
  });

  it("shows its entries in German", async () => {
    const { user } = await renderApp({ browserLanguage: "de-CH", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: /Dupont Jean/ }));
    expect(entries()).toEqual([
      "Schalter",
      "Mein Konto",
      "Mein Unternehmen",
      "Leistungsbeziehende",
      "Abmelden",
    ]);
  });

  it("offers Ma société to managers only", async () => {
    const collaborator: MeBody = { ...JEAN, role: "collaborator" };
    delete collaborator.company_name;
    const { user } = await renderApp({ signedInAs: collaborator });
    // Without a company name from /me, the button shows the name alone.
    await user.click(screen.getByRole("button", { name: "Dupont Jean" }));
    expect(entries()).toEqual(["Guichet", "Mon compte", "Bénéficiaires", "Déconnexion"]);
  });

  it("names the company from organisation when identity's /me does not", async () => {
    const server = fakeServer({
      "GET /api/organisation/institution": () =>
        json(200, { id: JEAN.company_id, name: "Atelier Rhône SA", gln: "7601001234567" }),
    });
    const manager: MeBody = { ...JEAN };
    delete manager.company_name;
    await renderApp({ signedInAs: manager, server });
    expect(screen.getByRole("button", { name: "Dupont Jean Atelier Rhône SA" })).toBeVisible();
    expect(
      server.sent("GET /api/organisation/institution")[0]?.headers.get("authorization"),
    ).toMatch(/^Bearer access-/);
  });

  it("leads to the beneficiaries and back home", async () => {
    const server = fakeServer({
      "GET /api/beneficiary/beneficiaries": () => json(200, { items: [], next_cursor: null }),
    });
    const { user } = await renderApp({ signedInAs: JEAN, server });
    await user.click(screen.getByRole("button", { name: /Dupont Jean/ }));
    await user.click(screen.getByRole("menuitem", { name: "Bénéficiaires" }));

    expect(window.location.pathname).toBe("/beneficiaires");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Bénéficiaires");
    expect(await screen.findByText("Aucun bénéficiaire.")).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Retourner sur la page d'accueil" }));
    expect(window.location.pathname).toBe("/");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Guichet");
  });

  it("signs out: ends the session on the server and shows the sign-in page", async () => {
    const server = fakeServer();
    const { user } = await renderApp({ signedInAs: JEAN, server });
    await user.click(screen.getByRole("button", { name: /Dupont Jean/ }));
    await user.click(screen.getByRole("menuitem", { name: "Déconnexion" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    expect(window.location.pathname).toBe("/connexion");
    expect(screen.getByRole("status")).toHaveTextContent("Vous êtes déconnecté.");
    expect(screen.queryByRole("button", { name: /Dupont Jean/ })).toBeNull();
    expect(server.sent(LOGOUT)).toHaveLength(1);
    expect(server.sent(LOGOUT)[0]?.headers.get("authorization")).toMatch(/^Bearer access-/);
    expect(window.localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
