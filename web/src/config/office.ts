/**
 * The office that runs this counter. Other cantons run the same counter, so this is the one
 * place to change; later it comes from deployment configuration instead of source.
 */
import type { Language } from "../i18n/language";

export interface OfficeConfig {
  /** Short name, shown in the header and the page title. */
  readonly name: Readonly<Record<Language, string>>;
  /** Official name, shown with the postal address. */
  readonly fullName: Readonly<Record<Language, string>>;
  /** Letters of the logo mark ("AI" in French, "IV" in German). */
  readonly mark: Readonly<Record<Language, string>>;
  readonly postalAddress: Readonly<Record<Language, readonly string[]>>;
  /** As printed. */
  readonly phone: string;
  /** The same number for `tel:` links. */
  readonly phoneE164: string;
}

export const office: OfficeConfig = {
  name: { fr: "Office AI du Valais", de: "IV-Stelle Wallis" },
  fullName: { fr: "Office cantonal AI du Valais", de: "Kantonale IV-Stelle Wallis" },
  mark: { fr: "AI", de: "IV" },
  postalAddress: {
    fr: ["Av. de la Gare 15", "Case postale", "1951 Sion"],
    de: ["Av. de la Gare 15", "Postfach", "1951 Sion"],
  },
  phone: "027 324 96 11",
  phoneE164: "+41273249611",
};
