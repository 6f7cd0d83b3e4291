/** Holds the chosen language, keeps `<html lang>` in step and persists the user's choice. */
import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { catalogues } from "./catalogues";
import { I18nContext, type I18n } from "./I18nContext";
import { initialLanguage, storeLanguage, type Language } from "./language";

interface Props {
  readonly children: ReactNode;
}

export function I18nProvider({ children }: Props) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);

  // Layout effect: assistive technology and the browser's spell-checker read `lang` before
  // the user sees the switched text.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // Only an explicit choice is stored: until then the browser's language keeps deciding.
  const setLanguage = useCallback((next: Language) => {
    storeLanguage(next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ language, t: catalogues[language], setLanguage }),
    [language, setLanguage],
  );

  return <I18nContext value={value}>{children}</I18nContext>;
}
