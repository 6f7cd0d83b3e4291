/**
 * What was typed in an invoice form, kept in localStorage per user, company and form (or per
 * invoice being corrected), so a reload or a timed-out session loses nothing. Cleared once
 * sent. Also keeps the Idempotency-Key of the last attempt with the body it was used for: a
 * retry of the same body reuses it (one invoice), a changed body gets a new one.
 */
import { newIdempotencyKey } from "../api/invoices";
import type { InvoiceValues } from "./invoiceForm";

const PREFIX = "guichet.invoice-draft";

export interface Attempt {
  readonly key: string;
  readonly body: string;
}

export interface Draft {
  readonly values: InvoiceValues;
  readonly attempt: Attempt | null;
}

export function draftKey(accountId: string, companyId: string | null, subject: string): string {
  return `${PREFIX}.${companyId ?? "-"}.${accountId}.${subject}`;
}

export function readDraft(key: string, form: string): Draft | null {
  try {
    const text = window.localStorage.getItem(key);
    if (text === null) return null;
    const draft = JSON.parse(text) as Draft;
    return draft.values.form === form ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: Draft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the form still works, only without the safety net.
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}

/** The key for sending this body: the last attempt's if the body is the same. */
export function attemptFor(body: unknown, last: Attempt | null): Attempt {
  const text = JSON.stringify(body);
  return last !== null && last.body === text ? last : { key: newIdempotencyKey(), body: text };
}
