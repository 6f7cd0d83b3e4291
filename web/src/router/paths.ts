/** Every address of the app, built in one place so links and routes cannot drift apart. */
import type { InvoiceTypeId } from "../invoices/invoiceTypes";

export const paths = {
  counter: "/",
  newInvoicePattern: "/factures/nouvelle/:type",
  newInvoice: (type: InvoiceTypeId) => `/factures/nouvelle/${type}`,
  account: "/mon-compte",
  company: "/ma-societe",
  beneficiaries: "/beneficiaires",
  signIn: "/connexion",
} as const;
