import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JEAN } from "./test/fakeServer";
import { renderApp } from "./test/renderApp";

describe("frame", () => {
  it("has the landmarks and a skip link", async () => {
    await renderApp({ signedInAs: JEAN });
    expect(screen.getByRole("banner")).toHaveTextContent("Office AI du Valais");
    expect(screen.getByRole("main")).toHaveAttribute("id", "main-content");
    expect(screen.getByRole("contentinfo")).toHaveTextContent("027 324 96 11");
    expect(screen.getByRole("link", { name: "Aller au contenu principal" })).toHaveAttribute(
      "href",
      "#main-content",
    );
  });

  it("shows the counter's two sections empty", async () => {
    await renderApp({ signedInAs: JEAN });
    expect(screen.getByRole("region", { name: "Demandes à corriger" })).toHaveTextContent(
      "Aucune demande à corriger.",
    );
    expect(screen.getByRole("region", { name: "Historique des factures" })).toHaveTextContent(
      "Aucune facture transmise pour le moment.",
    );
    expect(document.title).toBe("Guichet – Office AI du Valais");
  });

  it("answers an unknown address with a not-found page", async () => {
    await renderApp({ path: "/nulle-part" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Page introuvable");
  });

  it("answers an unknown invoice type with a not-found page", async () => {
    await renderApp({
      path: "/factures/nouvelle/inconnue",
      browserLanguage: "de-CH",
      signedInAs: JEAN,
    });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Seite nicht gefunden");
  });

  it("follows the browser's back button", async () => {
    const { user } = await renderApp({ signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: /Dupont Jean/ }));
    await user.click(screen.getByRole("menuitem", { name: "Mon compte" }));
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Mon compte");

    window.history.back();
    expect(await screen.findByRole("heading", { level: 1, name: "Guichet" })).toBeVisible();
  });
});
