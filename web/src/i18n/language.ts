/** The languages of the counter, and how the first one is chosen and remembered. */

export const LANGUAGES = ["fr", "de"] as const;

export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader finds their own whatever is shown. */
export const LANGUAGE_AUTONYMS: Record<Language, string> = {
  fr: "Français",
  de: "Deutsch",
};

export const LANGUAGE_STORAGE_KEY = "guichet.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** German for any German locale (de, de-CH, de-DE…), French for everything else. */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith("de") ? "de" : "fr";
}

// Storage can be missing or throw (privacy modes, disabled cookies): the choice is then
// simply not remembered, which must never break the page.
function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function readStoredLanguage(): Language | undefined {
  try {
    const stored = safeStorage()?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function storeLanguage(language: Language): void {
  try {
    safeStorage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered; the current page still switches.
  }
}

/** The user's earlier choice if any, otherwise the browser's preferred language. */
export function initialLanguage(): Language {
  return readStoredLanguage() ?? languageFromLocale(navigator.languages[0] ?? navigator.language);
}
