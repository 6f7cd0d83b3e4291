/** Fake API answers the invoice tests share: a beneficiary, a bank account, an invoice. */
import { json, type Handler } from "./fakeServer";

export const BENEFICIARY = {
  id: "b-1",
  last_name: "Doe",
  first_name: "Jane",
  birth_date: "1980-01-01",
  address: { street: "Rue du Lac 2", postcode: "1000", locality: "Lausanne" },
  avs: "756.0000.0011.77",
  representative: null,
  decisions: [{ number: "32320251000896", description: "Transports" }],
  bank: { iban: "CH93 0076 2011 6238 5295 7", holder: null, reference: null, qr_iban: false },
  power_of_attorney_document_id: null,
  has_power_of_attorney: false,
  referenced: false,
  version: 1,
};

export const ACCOUNT = {
  id: "acc-1",
  iban: "CH5604835012345678009",
  iban_formatted: "CH56 0483 5012 3456 7800 9",
  holder: "Testing SA",
  label: "Compte principal",
  nif: null,
  is_qr_iban: false,
};

export const QUOTE = {
  lines: [
    {
      label: "Voiture privée",
      details: "Sion → Lausanne, 94 km × 0.45",
      quantity: "94",
      unit_price: "0.45",
      amount: "42.30",
    },
    {
      label: "Repas",
      details: "Absence de 5 à 8 h",
      quantity: "1",
      unit_price: "11.50",
      amount: "11.50",
    },
  ],
  total: "53.80",
  warnings: [],
};

export function invoice(overrides: Record<string, unknown> = {}) {
  return {
    id: "inv-1",
    reference: "F-2025-000042",
    form: "318.632.1",
    status: "submitted",
    version: 1,
    revision: 1,
    beneficiary: { id: "b-1", first_name: "Jane", last_name: "Doe", avs: "756.0000.0011.77" },
    payee: { kind: "company", bank_account_id: "acc-1", iban: ACCOUNT.iban, holder: "Testing SA" },
    decision: { number: "32320251000896", description: "Transports" },
    invoice_date: "2025-07-03",
    invoice_number: "A-17",
    remark: "",
    attachments: [],
    content: {
      companion: false,
      lines: [
        {
          date: "2025-07-01",
          from: "Sion",
          to: "Lausanne",
          purpose: "Examen",
          transport: "car",
          km: "94",
          hours_away: "6",
          nights_away: 0,
          board_paid: false,
        },
      ],
    },
    ...QUOTE,
    period: null,
    summary: "Facture 03.07.2025",
    submitted_by: { account_id: "acc-jean", name: "Jean D." },
    submitted_at: "2025-07-03T08:00:00Z",
    updated_at: "2025-07-03T08:00:00Z",
    history: [{ at: "2025-07-03T08:00:00Z", status: "submitted", by: "Jean D.", message: null }],
    versions: [{ version: 1, submitted_at: "2025-07-03T08:00:00Z" }],
    ...overrides,
  };
}

export function formRoutes(): Record<string, Handler> {
  return {
    "GET /api/beneficiary/beneficiaries": () =>
      json(200, {
        items: [
          {
            id: "b-1",
            last_name: "Doe",
            first_name: "Jane",
            avs: BENEFICIARY.avs,
            postcode: "1000",
            locality: "Lausanne",
            birth_date: "1980-01-01",
            has_power_of_attorney: false,
          },
        ],
        next_cursor: null,
      }),
    "GET /api/beneficiary/beneficiaries/b-1": () => json(200, BENEFICIARY),
    "GET /api/organisation/bank-accounts": () => json(200, { items: [ACCOUNT] }),
    "POST /api/invoicing/quote": () => json(200, QUOTE),
  };
}
