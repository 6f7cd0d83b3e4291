/** The React context carrying the current language and its messages. */
import { createContext } from "react";
import type { Language } from "./language";
import type { Messages } from "./messages";

export interface I18n {
  readonly language: Language;
  readonly t: Messages;
  /** Switches the whole page and remembers the choice for the next visit. */
  readonly setLanguage: (language: Language) => void;
}

export const I18nContext = createContext<I18n | null>(null);
