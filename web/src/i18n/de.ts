/** German messages. Typed as `Messages`: a missing or extra key does not compile. */
import type { InvoiceTypeId } from "../invoices/invoiceTypes";
import type { Messages } from "./messages";

const invoiceTypes: Record<InvoiceTypeId, string> = {
  "moyens-auxiliaires-travail":
    "Hilfsmittel – Arbeitsplatz und Aufgabenbereich der versicherten Person",
  "moyens-auxiliaires-transformations-vehicules":
    "Hilfsmittel – Bauliche Anpassungen und Motorfahrzeuge",
  "moyens-auxiliaires-crane-visage": "Hilfsmittel – Kopf und Gesicht",
  "moyens-auxiliaires-vue": "Hilfsmittel – Für Blinde und hochgradig Sehbehinderte",
  "moyens-auxiliaires-autonomie": "Hilfsmittel – Persönliche Selbstständigkeit",
  "api-ssi-mineurs":
    "Hilflosenentschädigung (HE) und Intensivpflegezuschlag (IPZ) für Minderjährige",
  "appareillage-auditif": "Hörgeräteversorgung",
  "contribution-assistance": "Assistenzbeitrag",
  "frais-voyage-nourriture": "Reise- und Verpflegungskosten",
  "autre-facture": "Andere Rechnung",
};

export const de: Messages = {
  app: {
    name: "Schalter",
    tagline: "Online-Schalter der IV",
    documentTitle: (page: string, office: string) => `${page} – ${office}`,
  },
  skipToContent: "Zum Hauptinhalt springen",
  header: {
    newInvoice: "Neue Rechnung",
    languageSwitch: "Sprache",
  },
  userMenu: {
    counter: "Schalter",
    account: "Mein Konto",
    company: "Mein Unternehmen",
    beneficiaries: "Leistungsbeziehende",
    signOut: "Abmelden",
  },
  session: {
    placeholderName: "Provisorische Sitzung",
    placeholderCompany: "Anmeldung noch nicht verfügbar",
  },
  counter: {
    title: "Schalter",
    toCorrect: {
      heading: "Zu korrigierende Anträge",
      empty: "Keine Anträge zu korrigieren.",
    },
    history: {
      heading: "Rechnungsverlauf",
      empty: "Noch keine Rechnungen übermittelt.",
    },
  },
  invoiceTypes,
  newInvoice: {
    formNumber: (form: string) => `Formular ${form}`,
    comingSoon: "Die Erfassung dieser Rechnungsart wird in Kürze verfügbar sein.",
  },
  comingSoon: "Diese Seite wird in Kürze verfügbar sein.",
  backHome: "Zurück zur Startseite",
  signIn: {
    title: "Anmeldung",
    comingSoon: "Die Anmeldung ist noch nicht verfügbar.",
  },
  notFound: {
    title: "Seite nicht gefunden",
    text: "Die angeforderte Seite existiert nicht.",
  },
  footer: {
    contact: "Fragen / Support",
    phone: "Tel.",
  },
};
