/** The ten kinds of invoice the counter accepts, each with its official federal form number. */

export const INVOICE_TYPES = [
  { id: "moyens-auxiliaires-travail", form: "318.635" },
  { id: "moyens-auxiliaires-transformations-vehicules", form: "318.636" },
  { id: "moyens-auxiliaires-crane-visage", form: "318.637" },
  { id: "moyens-auxiliaires-vue", form: "318.638" },
  { id: "moyens-auxiliaires-autonomie", form: "318.639" },
  { id: "api-ssi-mineurs", form: "318.632.2" },
  { id: "appareillage-auditif", form: "300.001" },
  { id: "contribution-assistance", form: "318.536" },
  { id: "frais-voyage-nourriture", form: "318.632.1" },
  { id: "autre-facture", form: "318.632" },
] as const;

export type InvoiceType = (typeof INVOICE_TYPES)[number];

export type InvoiceTypeId = InvoiceType["id"];

export function findInvoiceType(id: string): InvoiceType | undefined {
  return INVOICE_TYPES.find((type) => type.id === id);
}

export function invoiceTypeOfForm(form: string): InvoiceType | undefined {
  return INVOICE_TYPES.find((type) => type.form === form);
}
