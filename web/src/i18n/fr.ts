/**
 * French messages: the reference catalogue. Its shape is the `Messages` type, so every other
 * language must provide exactly the same keys. Wording follows the office's user guide.
 */
import type { InvoiceTypeId } from "../invoices/invoiceTypes";

const invoiceTypes: Record<InvoiceTypeId, string> = {
  "moyens-auxiliaires-travail":
    "Moyens auxiliaires – Poste de travail et tâches de la personne assurée",
  "moyens-auxiliaires-transformations-vehicules":
    "Moyens auxiliaires – Travaux de transformation et véhicules à moteur",
  "moyens-auxiliaires-crane-visage": "Moyens auxiliaires – Pour le crâne et le visage",
  "moyens-auxiliaires-vue": "Moyens auxiliaires – Pour aveugles et handicapés graves de la vue",
  "moyens-auxiliaires-autonomie": "Moyens auxiliaires – Autonomie personnelle",
  "api-ssi-mineurs":
    "Allocation pour impotents (API) et supplément pour soins intenses (SSI) pour mineurs",
  "appareillage-auditif": "Appareillage auditif",
  "contribution-assistance": "Contribution d'assistance",
  "frais-voyage-nourriture": "Frais de voyage et nourriture",
  "autre-facture": "Autre facture",
};

export const fr = {
  app: {
    name: "Guichet",
    tagline: "Guichet en ligne de l'AI",
    documentTitle: (page: string, office: string) => `${page} – ${office}`,
  },
  skipToContent: "Aller au contenu principal",
  header: {
    newInvoice: "Nouvelle facture",
    languageSwitch: "Langue",
  },
  userMenu: {
    counter: "Guichet",
    account: "Mon compte",
    company: "Ma société",
    beneficiaries: "Bénéficiaires",
    signOut: "Déconnexion",
  },
  session: {
    placeholderName: "Session provisoire",
    placeholderCompany: "Connexion pas encore disponible",
  },
  counter: {
    title: "Guichet",
    toCorrect: {
      heading: "Demandes à corriger",
      empty: "Aucune demande à corriger.",
    },
    history: {
      heading: "Historique des factures",
      empty: "Aucune facture transmise pour le moment.",
    },
  },
  invoiceTypes,
  newInvoice: {
    formNumber: (form: string) => `Formulaire ${form}`,
    comingSoon: "La saisie de ce type de facture sera disponible prochainement.",
  },
  comingSoon: "Cette page sera disponible prochainement.",
  backHome: "Retourner sur la page d'accueil",
  signIn: {
    title: "Connexion",
    comingSoon: "La connexion n'est pas encore disponible.",
  },
  notFound: {
    title: "Page introuvable",
    text: "La page demandée n'existe pas.",
  },
  footer: {
    contact: "Questions / Support",
    phone: "Tél.",
  },
};
