/**
 * An invoice form's values (what a draft keeps), the server paths of its fields in the order
 * they appear (the error summary follows it), their labels, the client checks and the request
 * the values become.
 */
import type { CorrectionInput, Invoice, InvoiceInput, Payee } from "../api/invoices";
import { checkRequired, compactDigits, type Check } from "../forms/checks";
import type { Messages } from "../i18n/messages";
import {
  contentSpec,
  initialValues,
  isActive,
  type ContentSpec,
  type FieldSpec,
  type RowValues,
} from "./contentSpecs";

export interface ChosenBeneficiary {
  readonly id: string;
  readonly name: string;
  readonly avs: string;
}

export interface Attachment {
  readonly file_id: string;
  readonly kind: string;
  readonly filename: string;
}

export interface Row {
  /** Stable React key (rows can be removed in the middle). */
  readonly key: number;
  readonly values: RowValues;
}

export interface InvoiceValues {
  readonly form: string;
  readonly beneficiary: ChosenBeneficiary | null;
  /** `company:<bank account id>`, `beneficiary`, or "" before a choice. */
  readonly payee: string;
  readonly decisionNumber: string;
  readonly decisionDescription: string;
  readonly saveDecision: boolean;
  readonly invoiceDate: string;
  readonly invoiceNumber: string;
  readonly remark: string;
  readonly attachments: readonly Attachment[];
  readonly content: RowValues;
  readonly rows: readonly Row[];
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyRow(spec: ContentSpec, key: number): Row {
  return { key, values: initialValues(spec.rows?.fields ?? []) };
}

export function emptyInvoice(form: string): InvoiceValues {
  const spec = contentSpec(form);
  return {
    form,
    beneficiary: null,
    payee: "",
    decisionNumber: "",
    decisionDescription: "",
    saveDecision: false,
    invoiceDate: today(),
    invoiceNumber: "",
    remark: "",
    attachments: [],
    content: initialValues(spec.fields),
    rows: spec.rows === null ? [] : [emptyRow(spec, 1)],
  };
}

/** Reads one value of the server's content back into the form (`nights[2]` included). */
function readValue(source: Readonly<Record<string, unknown>>, field: FieldSpec): string | boolean {
  const indexed = /^(\w+)\[(\d+)\]$/.exec(field.name);
  const value = indexed
    ? (source[indexed[1] ?? ""] as unknown[] | undefined)?.[Number(indexed[2])]
    : source[field.name];
  if (field.kind === "checkbox") return value === true;
  // A field the server left out (a default it applied) shows its default again.
  if (value === null || value === undefined) return field.initial ?? "";
  if (typeof value === "number") return String(value);
  return typeof value === "string" ? value : "";
}

function readValues(
  source: Readonly<Record<string, unknown>>,
  fields: readonly FieldSpec[],
): RowValues {
  return Object.fromEntries(fields.map((field) => [field.name, readValue(source, field)]));
}

/** The form pre-filled with an invoice's current version (a correction starts from it). */
export function valuesOf(invoice: Invoice): InvoiceValues {
  const spec = contentSpec(invoice.form);
  const b = invoice.beneficiary;
  const rows = spec.rows === null ? [] : (invoice.content[spec.rows.name] as unknown[]);
  return {
    form: invoice.form,
    beneficiary: { id: b.id, name: `${b.last_name} ${b.first_name}`, avs: b.avs },
    payee:
      invoice.payee.kind === "company"
        ? `company:${invoice.payee.bank_account_id ?? ""}`
        : "beneficiary",
    decisionNumber: invoice.decision.number,
    decisionDescription: invoice.decision.description,
    saveDecision: false,
    invoiceDate: invoice.invoice_date,
    invoiceNumber: invoice.invoice_number,
    remark: invoice.remark,
    attachments: invoice.attachments.map((a) => ({ ...a })),
    content: readValues(invoice.content, spec.fields),
    rows: (rows as Record<string, unknown>[]).map((row, index) => ({
      key: index + 1,
      values: readValues(row, spec.rows?.fields ?? []),
    })),
  };
}

export const HEADER_FIELDS = [
  "beneficiary_id",
  "payee",
  "decision.number",
  "decision.description",
  "invoice_date",
  "invoice_number",
] as const;

/** `content.lines[2].delivery_date` */
export function rowPath(spec: ContentSpec, index: number, field: FieldSpec): string {
  return `content.${spec.rows?.name ?? ""}[${String(index)}].${field.name}`;
}

/** The form's fields as the server names them, in the order they appear. */
export function invoiceFields(values: InvoiceValues): string[] {
  const spec = contentSpec(values.form);
  const rowsName = spec.rows === null ? [] : [`content.${spec.rows.name}`];
  return [
    ...HEADER_FIELDS,
    ...spec.fields.map((field) => `content.${field.name}`),
    ...rowsName,
    ...values.rows.flatMap((row, index) =>
      (spec.rows?.fields ?? [])
        .filter((field) => isActive(field, row.values))
        .map((field) => rowPath(spec, index, field)),
    ),
    "content",
    "remark",
    "attachments",
  ];
}

export function fieldLabel(field: FieldSpec, t: Messages): string {
  return t.invoices.fields[field.label as keyof Messages["invoices"]["fields"]];
}

/** The label of every field (the summary and the client checks' messages use them). */
export function invoiceLabels(values: InvoiceValues, t: Messages): Record<string, string> {
  const f = t.invoices.form;
  const spec = contentSpec(values.form);
  const labels: Record<string, string> = {
    beneficiary_id: f.beneficiary,
    payee: f.payee,
    "decision.number": f.decisionNumber,
    "decision.description": f.decisionDescription,
    invoice_date: f.invoiceDate,
    invoice_number: f.invoiceNumber,
    remark: f.remark,
    attachments: f.attachments,
    content: f.content,
  };
  for (const field of spec.fields) labels[`content.${field.name}`] = fieldLabel(field, t);
  if (spec.rows !== null) {
    const rowsSpec = spec.rows;
    labels[`content.${rowsSpec.name}`] = f.rows[rowsSpec.name === "lines" ? "lines" : "assistants"];
    values.rows.forEach((_, index) => {
      for (const field of rowsSpec.fields) {
        labels[rowPath(spec, index, field)] = f.rowField(
          fieldLabel(field, t),
          rowsSpec.name === "lines" ? f.line(index + 1) : f.assistant(index + 1),
        );
      }
    });
  }
  return labels;
}

function checkField(field: FieldSpec, value: string | boolean | undefined): Check | null {
  if (field.optional === true || field.kind === "checkbox") return null;
  return checkRequired(typeof value === "string" ? value : "");
}

/** Only what is certain to fail (a missing value); the server checks everything else. */
export function checkContent(values: InvoiceValues): Record<string, Check | null> {
  const spec = contentSpec(values.form);
  const checks: Record<string, Check | null> = {};
  for (const field of spec.fields) {
    checks[`content.${field.name}`] = checkField(field, values.content[field.name]);
  }
  values.rows.forEach((row, index) => {
    for (const field of spec.rows?.fields ?? []) {
      if (isActive(field, row.values)) {
        checks[rowPath(spec, index, field)] = checkField(field, row.values[field.name]);
      }
    }
  });
  return checks;
}

export function checkInvoice(values: InvoiceValues): Record<string, Check | null> {
  return {
    beneficiary_id: values.beneficiary === null ? "required" : null,
    payee: values.payee === "" ? "required" : null,
    "decision.number": checkRequired(values.decisionNumber),
    invoice_date: checkRequired(values.invoiceDate),
    invoice_number: checkRequired(values.invoiceNumber),
    ...checkContent(values),
  };
}

/** `12,50`, `1'250.–` and `1 250` as people type them → `12.50`, `1250.`, `1250`. */
function number(value: string): string {
  return value
    .replace(/['’\s]/g, "")
    .replace(",", ".")
    .replace(/[.–-]+$/, "");
}

function sendValue(field: FieldSpec, value: string | boolean | undefined): unknown {
  if (field.kind === "checkbox") return value === true;
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return field.emptyAsNull === true ? null : undefined;
  switch (field.kind) {
    case "integer":
      return /^\d+$/.test(text) ? Number(text) : text;
    case "decimal":
    case "money":
      return number(text);
    case "select":
      return field.numeric === true ? Number(text) : text;
    default:
      return text;
  }
}

/** The values of some fields as the server reads them; empty optional values are left out. */
function sendValues(fields: readonly FieldSpec[], row: RowValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isActive(field, row)) continue;
    const value = sendValue(field, row[field.name]);
    if (value === undefined) continue;
    const indexed = /^(\w+)\[(\d+)\]$/.exec(field.name);
    if (indexed) {
      const list = (out[indexed[1] ?? ""] ??= []) as unknown[];
      list[Number(indexed[2])] = value;
    } else {
      out[field.name] = value;
    }
  }
  return out;
}

export function contentRequest(values: InvoiceValues): Record<string, unknown> {
  const spec = contentSpec(values.form);
  const content = sendValues(spec.fields, values.content);
  if (spec.rows !== null) {
    const fields = spec.rows.fields;
    content[spec.rows.name] = values.rows.map((row) => sendValues(fields, row.values));
  }
  return content;
}

function payeeOf(payee: string): Payee {
  return payee.startsWith("company:")
    ? { kind: "company", bank_account_id: payee.slice("company:".length) }
    : { kind: "beneficiary" };
}

/** The body of "Modifier ma demande" (the form cannot change). */
export function correctionRequest(values: InvoiceValues, revision: number): CorrectionInput {
  const request = invoiceRequest(values);
  const { beneficiary_id, payee, decision, invoice_date, invoice_number, remark } = request;
  const { attachments, content } = request;
  return {
    beneficiary_id,
    payee,
    decision,
    invoice_date,
    invoice_number,
    remark,
    attachments,
    content,
    revision,
  };
}

export function invoiceRequest(values: InvoiceValues): InvoiceInput {
  return {
    form: values.form,
    beneficiary_id: values.beneficiary?.id ?? "",
    payee: payeeOf(values.payee),
    decision: {
      number: compactDigits(values.decisionNumber),
      description: values.decisionDescription.trim(),
      save: values.saveDecision,
    },
    invoice_date: values.invoiceDate,
    invoice_number: values.invoiceNumber.trim(),
    remark: values.remark.trim(),
    attachments: values.attachments.map(({ file_id, kind }) => ({ file_id, kind })),
    content: contentRequest(values),
  };
}
