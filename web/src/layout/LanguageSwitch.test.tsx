import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LANGUAGE_STORAGE_KEY } from "../i18n/language";
import { JEAN } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

function headings() {
  return screen.getAllByRole("heading").map((heading) => heading.textContent);
}

describe("language", () => {
  it("starts in French for a French-speaking browser", async () => {
    await renderApp({ browserLanguage: "fr-CH", signedInAs: JEAN });
    expect(document.documentElement.lang).toBe("fr");
    expect(headings()).toEqual(["Guichet", "Demandes à corriger", "Historique des factures"]);
    expect(screen.getByRole("button", { name: "Français" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
  });

  it("starts in German for a German-speaking browser", async () => {
    await renderApp({ browserLanguage: "de-CH", signedInAs: JEAN });
    expect(document.documentElement.lang).toBe("de");
    expect(headings()).toEqual(["Schalter", "Zu korrigierende Anträge", "Rechnungsverlauf"]);
  });

  it("falls back to French for other browser languages", async () => {
    await renderApp({ browserLanguage: "en-US", signedInAs: JEAN });
    expect(document.documentElement.lang).toBe("fr");
  });

  it("switches the whole frame, html lang and title, and remembers the choice", async () => {
    const { user, unmount } = await renderApp({ browserLanguage: "fr-CH", signedInAs: JEAN });
    const switcher = screen.getByRole("group", { name: "Langue" });

    await user.click(within(switcher).getByRole("button", { name: "Deutsch" }));

    expect(document.documentElement.lang).toBe("de");
    expect(document.title).toBe("Schalter – IV-Stelle Wallis");
    expect(headings()).toEqual(["Schalter", "Zu korrigierende Anträge", "Rechnungsverlauf"]);
    expect(screen.getByText("Noch keine Rechnungen übermittelt.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Neue Rechnung" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Sprache" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("de");

    unmount();
    await renderApp({ browserLanguage: "fr-CH", signedInAs: JEAN });
    expect(document.documentElement.lang).toBe("de");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Schalter");
  });

  it("switches back to French", async () => {
    const { user } = await renderApp({ browserLanguage: "de-CH", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: "Français" }));
    expect(document.documentElement.lang).toBe("fr");
    expect(document.title).toBe("Guichet – Office AI du Valais");
    expect(screen.getByText("Aucune demande à corriger.")).toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("fr");
  });

  it("does not store anything until the user chooses", async () => {
    await renderApp({ browserLanguage: "de-CH", signedInAs: JEAN });
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBeNull();
  });
});
