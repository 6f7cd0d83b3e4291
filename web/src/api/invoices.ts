/**
 * Invoicing's institution routes (docs/design/invoices.md) and the PDF copies kept by
 * documents. Tariffs, amounts and totals come from the server only.
 */
import type { Language } from "../i18n/language";
import type { SessionManager } from "../session/SessionManager";
import type { ApiResult } from "./http";
import type { StoredFile } from "./beneficiaries";

const BASE = "/api/invoicing";

export type InvoiceStatus = "submitted" | "correction_requested" | "accepted" | "refused";
export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  "submitted",
  "correction_requested",
  "accepted",
  "refused",
];

export type Payee =
  { readonly kind: "company"; readonly bank_account_id: string } | { readonly kind: "beneficiary" };

export interface AttachmentInput {
  readonly file_id: string;
  readonly kind: string;
}

/** The body of `POST /invoices` and `/quote`; `content` depends on the form. */
export interface InvoiceInput {
  readonly form: string;
  readonly beneficiary_id: string;
  readonly payee: Payee;
  readonly decision: {
    readonly number: string;
    readonly description: string;
    readonly save: boolean;
  };
  readonly invoice_date: string;
  readonly invoice_number: string;
  readonly remark: string;
  readonly attachments: readonly AttachmentInput[];
  readonly content: Readonly<Record<string, unknown>>;
}

/** `PUT /invoices/{id}` ("Modifier ma demande"): the same without `form`, plus the revision. */
export type CorrectionInput = Omit<InvoiceInput, "form"> & { readonly revision: number };

export interface QuoteLine {
  readonly label: string;
  readonly details: string;
  readonly quantity: string;
  readonly unit_price: string;
  readonly amount: string;
}

export interface Warning {
  readonly code: string;
  readonly message: string;
}

export interface Quote {
  readonly lines: readonly QuoteLine[];
  readonly total: string;
  readonly warnings: readonly Warning[];
}

export interface BeneficiarySummary {
  readonly id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly avs: string;
}

export interface Submitter {
  readonly account_id: string;
  /** "Jean D." */
  readonly name: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly status: InvoiceStatus;
  readonly by: string | null;
  readonly message: string | null;
}

export interface Invoice extends Quote {
  readonly id: string;
  readonly reference: string;
  readonly form: string;
  readonly status: InvoiceStatus;
  readonly version: number;
  readonly revision: number;
  readonly beneficiary: BeneficiarySummary;
  readonly payee: {
    readonly kind: "company" | "beneficiary";
    readonly bank_account_id: string | null;
    readonly iban: string;
    readonly holder: string;
  };
  readonly decision: { readonly number: string; readonly description: string };
  readonly invoice_date: string;
  readonly invoice_number: string;
  readonly remark: string;
  readonly attachments: readonly (AttachmentInput & { readonly filename: string })[];
  readonly content: Readonly<Record<string, unknown>>;
  readonly period: { readonly start: string; readonly end: string } | null;
  readonly summary: string;
  readonly submitted_by: Submitter;
  readonly submitted_at: string;
  readonly updated_at: string;
  readonly history: readonly HistoryEntry[];
  readonly versions: readonly { readonly version: number; readonly submitted_at: string }[];
  /** The office's last message when a correction was requested. */
  readonly correction_message?: string | null;
}

export interface InvoiceRow {
  readonly id: string;
  readonly reference: string;
  readonly form: string;
  readonly status: InvoiceStatus;
  readonly summary: string;
  readonly beneficiary: BeneficiarySummary;
  readonly submitted_by: Submitter;
  readonly submitted_at: string;
  readonly updated_at: string;
  readonly version: number;
}

export interface InvoicePage {
  readonly items: readonly InvoiceRow[];
  readonly next_cursor: string | null;
}

export interface ListFilters {
  readonly view: "history" | "to_correct";
  readonly submittedBy?: string;
  readonly beneficiary?: string;
  readonly status?: InvoiceStatus | "";
  readonly cursor?: string | null;
  readonly limit?: number;
}

/** The list's query string: empty filters are left out. */
export function invoiceListQuery(filters: ListFilters): string {
  const query = new URLSearchParams({ view: filters.view });
  if (filters.submittedBy) query.set("submitted_by", filters.submittedBy);
  const beneficiary = filters.beneficiary?.trim() ?? "";
  if (beneficiary !== "") query.set("beneficiary", beneficiary);
  if (filters.status) query.set("status", filters.status);
  if (filters.limit !== undefined) query.set("limit", String(filters.limit));
  if (filters.cursor) query.set("cursor", filters.cursor);
  return `?${query.toString()}`;
}

/** Where a version's PDF copy is (the latest without a version). */
export function invoicePdfPath(invoiceId: string, version?: number): string {
  const path = `/api/documents/invoices/${encodeURIComponent(invoiceId)}/pdf`;
  return version === undefined ? path : `${path}?version=${String(version)}`;
}

/** A key nobody else will use, for `Idempotency-Key` (no secure context needed). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

type Caller = Pick<SessionManager, "call">;

export interface PdfOptions {
  /** Attempts while the copy is still being rendered (404 with Retry-After). */
  readonly attempts?: number;
  readonly wait?: (seconds: number) => Promise<void>;
}

const sleep = (seconds: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, seconds * 1000);
  });

export function invoiceApi(session: Caller, language: Language) {
  const invoice = (id: string) => `${BASE}/invoices/${encodeURIComponent(id)}`;
  return {
    quote: (input: InvoiceInput, signal?: AbortSignal): Promise<ApiResult<Quote>> =>
      session.call(`${BASE}/quote`, {
        method: "POST",
        body: input,
        language,
        ...(signal !== undefined && { signal }),
      }),
    /** The same key and body return the first answer: a retry never makes a second invoice. */
    submit: (input: InvoiceInput, idempotencyKey: string): Promise<ApiResult<Invoice>> =>
      session.call(`${BASE}/invoices`, {
        method: "POST",
        body: input,
        language,
        headers: { "Idempotency-Key": idempotencyKey },
      }),
    correct: (
      id: string,
      input: CorrectionInput,
      idempotencyKey: string,
    ): Promise<ApiResult<Invoice>> =>
      session.call(invoice(id), {
        method: "PUT",
        body: input,
        language,
        headers: { "Idempotency-Key": idempotencyKey },
      }),
    get: (id: string): Promise<ApiResult<Invoice>> => session.call(invoice(id), { language }),
    list: (filters: ListFilters): Promise<ApiResult<InvoicePage>> =>
      session.call(`${BASE}/invoices${invoiceListQuery(filters)}`, { language }),
    submitters: (): Promise<ApiResult<readonly Submitter[]>> =>
      session.call(`${BASE}/submitters`, { language }),
    uploadAttachment: (file: File): Promise<ApiResult<StoredFile>> =>
      session.call(
        `/api/documents/files?purpose=invoice_attachment&filename=${encodeURIComponent(file.name)}`,
        { method: "POST", raw: file, language },
      ),
    /**
     * The PDF copy as a blob (it needs the bearer token, so a plain link cannot fetch it).
     * Right after sending or a decision the copy may still be rendering: documents answers
     * 404 with `Retry-After` until it is there.
     */
    async pdf(id: string, version?: number, options: PdfOptions = {}): Promise<ApiResult<Blob>> {
      const { attempts = 6, wait = sleep } = options;
      let result = await session.call<Blob>(invoicePdfPath(id, version), { language, as: "blob" });
      for (let attempt = 1; attempt < attempts; attempt += 1) {
        if (result.ok || result.problem.status !== 404 || result.problem.retryAfter === undefined) {
          break;
        }
        await wait(Math.min(result.problem.retryAfter, 5));
        result = await session.call<Blob>(invoicePdfPath(id, version), { language, as: "blob" });
      }
      return result;
    },
  };
}

/** Offers a blob as a file download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Let the browser start the download before the address goes away.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
