import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/renderApp";

function entries() {
  return within(screen.getByRole("menu"))
    .getAllByRole("menuitem")
    .map((item) => item.textContent);
}

describe("user menu", () => {
  it("shows the placeholder session and its entries in French", async () => {
    const { user } = renderApp({ browserLanguage: "fr-CH" });
    const button = screen.getByRole("button", {
      name: "Session provisoire Connexion pas encore disponible",
    });
    await user.click(button);
    expect(entries()).toEqual([
      "Guichet",
      "Mon compte",
      "Ma société",
      "Bénéficiaires",
      "Déconnexion",
    ]);
  });

  it("shows its entries in German", async () => {
    const { user } = renderApp({ browserLanguage: "de-CH" });
    await user.click(screen.getByRole("button", { name: /Provisorische Sitzung/ }));
    expect(entries()).toEqual([
      "Schalter",
      "Mein Konto",
      "Mein Unternehmen",
      "Leistungsbeziehende",
      "Abmelden",
    ]);
  });

  it("leads to the pages still to come", async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole("button", { name: /Session provisoire/ }));
    await user.click(screen.getByRole("menuitem", { name: "Bénéficiaires" }));

    expect(window.location.pathname).toBe("/beneficiaires");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Bénéficiaires");
    expect(screen.getByText("Cette page sera disponible prochainement.")).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Retourner sur la page d'accueil" }));
    expect(window.location.pathname).toBe("/");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Guichet");
  });

  it("signs out to the sign-in page", async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole("button", { name: /Session provisoire/ }));
    await user.click(screen.getByRole("menuitem", { name: "Déconnexion" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    expect(window.location.pathname).toBe("/connexion");
  });
});
