/** Every address of the app, built in one place so links and routes cannot drift apart. */
import type { InvoiceTypeId } from "../invoices/invoiceTypes";

export const paths = {
  counter: "/",
  newInvoicePattern: "/factures/nouvelle/:type",
  newInvoice: (type: InvoiceTypeId) => `/factures/nouvelle/${type}`,
  /** An invoice; in "À corriger" its form ("Modifier ma demande"), the correction e-mail's link. */
  invoicePattern: "/factures/:id",
  invoice: (id: string) => `/factures/${encodeURIComponent(id)}`,
  account: "/mon-compte",
  company: "/ma-societe",
  beneficiaries: "/beneficiaires",
  newBeneficiary: "/beneficiaires/nouveau",
  beneficiaryPattern: "/beneficiaires/:id",
  signIn: "/connexion",
  /** The sign-in page, returning to `returnTo` afterwards. */
  signInReturningTo: (returnTo: string) => `/connexion?retour=${encodeURIComponent(returnTo)}`,
  registration: "/inscription",
  registrationSent: "/inscription/envoyee",
  forgotPassword: "/mot-de-passe/oublie",
  /** Target of the e-mailed reset link: `/mot-de-passe/nouveau?token=…`. */
  resetPassword: "/mot-de-passe/nouveau",
  /** Target of the e-mailed invitation link: `/invitation?token=…`. */
  invitation: "/invitation",
} as const;

/**
 * The `retour` parameter of the sign-in page, if it is an address of this app. Anything else
 * (another origin, `//host`, a scheme) is ignored: the link could have been crafted.
 */
export function safeReturnPath(value: string | null): string | null {
  if (value === null || !value.startsWith("/") || value.startsWith("//")) return null;
  if (value.includes("\\")) return null;
  return value;
}
