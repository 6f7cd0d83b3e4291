import { describe, expect, it, vi } from "vitest";
import { initialLanguage, LANGUAGE_STORAGE_KEY, languageFromLocale } from "./language";

function preferBrowserLanguage(locale: string) {
  vi.spyOn(navigator, "language", "get").mockReturnValue(locale);
  vi.spyOn(navigator, "languages", "get").mockReturnValue([locale]);
}

describe("languageFromLocale", () => {
  it.each([
    ["de", "de"],
    ["de-CH", "de"],
    ["DE-de", "de"],
    ["fr-CH", "fr"],
    ["it-CH", "fr"],
    ["en-GB", "fr"],
    [undefined, "fr"],
  ])("maps %s to %s", (locale, expected) => {
    expect(languageFromLocale(locale)).toBe(expected);
  });
});

describe("initialLanguage", () => {
  it("follows the browser when nothing was chosen", () => {
    preferBrowserLanguage("de-CH");
    expect(initialLanguage()).toBe("de");
  });

  it("prefers the stored choice over the browser", () => {
    preferBrowserLanguage("de-CH");
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "fr");
    expect(initialLanguage()).toBe("fr");
  });

  it("ignores a stored value that is not a language", () => {
    preferBrowserLanguage("de-AT");
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, "klingon");
    expect(initialLanguage()).toBe("de");
  });

  it("still works when storage throws", () => {
    preferBrowserLanguage("fr-CH");
    vi.spyOn(Storage.prototype, "getItem").mockImplementation(() => {
      throw new Error("storage disabled");
    });
    expect(initialLanguage()).toBe("fr");
  });
});
