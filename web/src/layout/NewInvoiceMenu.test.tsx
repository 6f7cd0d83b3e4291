import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JEAN } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const FORMS = [
  "318.635",
  "318.636",
  "318.637",
  "318.638",
  "318.639",
  "318.632.2",
  "300.001",
  "318.536",
  "318.632.1",
  "318.632",
];

function menuItems() {
  return within(screen.getByRole("menu")).getAllByRole("menuitem");
}

function formOf(item: HTMLElement): string {
  return item.querySelector(".invoice-type__form")?.textContent ?? "";
}

describe("new invoice menu", () => {
  it("is closed at first", async () => {
    await renderApp({ signedInAs: JEAN });
    const button = screen.getByRole("button", { name: "Nouvelle facture" });
    expect(button).toHaveAttribute("aria-haspopup", "menu");
    expect(button).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("lists the ten invoice types with their forms in French", async () => {
    const { user } = await renderApp({ browserLanguage: "fr-CH", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: "Nouvelle facture" }));

    const items = menuItems();
    expect(items.map(formOf)).toEqual(FORMS);
    expect(items[0]).toHaveAccessibleName(
      "Moyens auxiliaires – Poste de travail et tâches de la personne assurée 318.635",
    );
    expect(items[5]).toHaveTextContent(
      "Allocation pour impotents (API) et supplément pour soins intenses (SSI) pour mineurs",
    );
    expect(items[6]).toHaveTextContent("Appareillage auditif");
    expect(items[7]).toHaveTextContent("Contribution d'assistance");
    expect(items[8]).toHaveTextContent("Frais de voyage et nourriture");
    expect(items[9]).toHaveAccessibleName("Autre facture 318.632");
    expect(items[9]).toHaveAttribute("href", "/factures/nouvelle/autre-facture");
  });

  it("lists the ten invoice types with their forms in German", async () => {
    const { user } = await renderApp({ browserLanguage: "de-CH", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: "Neue Rechnung" }));

    const items = menuItems();
    expect(items.map(formOf)).toEqual(FORMS);
    expect(items[2]).toHaveTextContent("Hilfsmittel – Kopf und Gesicht");
    expect(items[5]).toHaveTextContent(
      "Hilflosenentschädigung (HE) und Intensivpflegezuschlag (IPZ) für Minderjährige",
    );
    expect(items[6]).toHaveTextContent("Hörgeräteversorgung");
    expect(items[7]).toHaveTextContent("Assistenzbeitrag");
    expect(items[8]).toHaveTextContent("Reise- und Verpflegungskosten");
    expect(items[9]).toHaveAccessibleName("Andere Rechnung 318.632");
  });

  it("works with the keyboard", async () => {
    const { user } = await renderApp({ signedInAs: JEAN });
    const button = screen.getByRole("button", { name: "Nouvelle facture" });
    button.focus();

    await user.keyboard("{ArrowDown}");
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(menuItems()[0]).toHaveFocus();

    await user.keyboard("{ArrowUp}");
    expect(menuItems()[9]).toHaveFocus();
    await user.keyboard("{ArrowDown}");
    expect(menuItems()[0]).toHaveFocus();
    await user.keyboard("{End}");
    expect(menuItems()[9]).toHaveFocus();
    await user.keyboard("{Home}{ArrowDown}");
    expect(menuItems()[1]).toHaveFocus();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button).toHaveFocus();

    await user.keyboard("{Enter}");
    expect(menuItems()[0]).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    expect(window.location.pathname).toBe("/factures/nouvelle/moyens-auxiliaires-crane-visage");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Moyens auxiliaires – Pour le crâne et le visage",
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveFocus();
    expect(screen.getByText("Formulaire 318.637")).toBeInTheDocument();
  });

  it("closes on Tab and on a click elsewhere", async () => {
    const { user } = await renderApp({ signedInAs: JEAN });
    const button = screen.getByRole("button", { name: "Nouvelle facture" });

    await user.click(button);
    expect(screen.getByRole("menu")).toBeVisible();
    await user.tab();
    expect(screen.queryByRole("menu")).toBeNull();

    await user.click(button);
    await user.click(screen.getByRole("heading", { level: 1 }));
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button).toHaveAttribute("aria-expanded", "false");
  });

  it("opens an invoice type with the mouse", async () => {
    const { user } = await renderApp({ browserLanguage: "de-CH", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: "Neue Rechnung" }));
    await user.click(screen.getByRole("menuitem", { name: /Assistenzbeitrag/ }));

    expect(window.location.pathname).toBe("/factures/nouvelle/contribution-assistance");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Assistenzbeitrag");
    expect(screen.getByText("Formular 318.536")).toBeInTheDocument();
  });
});
