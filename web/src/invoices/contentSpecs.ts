/**
 * What each form's `content` holds (docs/design/invoices.md, "Content per form"), as data:
 * the editor, the labels, the client checks and the request are all built from it, so a
 * field is described once. Amounts are never computed here: the server quotes them.
 */

export type FieldKind =
  "text" | "date" | "month" | "integer" | "decimal" | "money" | "select" | "checkbox";

/** A row's (or the content's) values as typed: text for inputs, booleans for tick boxes. */
export type RowValues = Readonly<Record<string, string | boolean>>;

export interface FieldSpec {
  /** The server's path below the content or the row: `delivery_date`, `nights[2]`. */
  readonly name: string;
  /** The label's key in the messages (`t.invoices.fields`); `name` without an index. */
  readonly label: string;
  readonly kind: FieldKind;
  readonly optional?: boolean;
  /** Select options (their labels are in `t.invoices.options[label]`). */
  readonly options?: readonly string[];
  /** A select whose values are sent as numbers (`ears`). */
  readonly numeric?: boolean;
  /** An empty optional select is sent as null (`ssi`) rather than left out. */
  readonly emptyAsNull?: boolean;
  /** The value of a new row or form. */
  readonly initial?: string | boolean;
  /** Shown (and sent) only when the rest of the row says so. */
  readonly when?: (row: RowValues) => boolean;
}

export interface RowsSpec {
  /** `lines` or `assistants`. */
  readonly name: string;
  readonly fields: readonly FieldSpec[];
}

export type Family = "aids" | "apiSsi" | "hearing" | "assistance" | "travel" | "other";

export interface ContentSpec {
  readonly family: Family;
  readonly fields: readonly FieldSpec[];
  readonly rows: RowsSpec | null;
  /** Attachment kinds offered for this form (labels in `t.invoices.attachmentKinds`). */
  readonly attachmentKinds: readonly string[];
}

const HEARING_CODES = ["909.01", "909.02", "909.03", "909.04", "909.05", "909.06", "909.07"];

const aids: ContentSpec = {
  family: "aids",
  fields: [],
  rows: {
    name: "lines",
    fields: [
      { name: "article", label: "article", kind: "text" },
      { name: "list_number", label: "list_number", kind: "text", optional: true },
      { name: "supplier", label: "supplier", kind: "text" },
      { name: "delivery_date", label: "delivery_date", kind: "date" },
      { name: "quantity", label: "quantity", kind: "decimal", initial: "1" },
      { name: "unit_price", label: "unit_price", kind: "money" },
      {
        name: "cap",
        label: "cap",
        kind: "select",
        optional: true,
        options: ["wig", "breast_prosthesis", "breast_prosthesis_both", "shoes_second_pair"],
      },
    ],
  },
  attachmentKinds: ["supplier_invoice", "cost_approval", "other"],
};

const apiSsi: ContentSpec = {
  family: "apiSsi",
  fields: [
    { name: "month", label: "month", kind: "month" },
    {
      name: "helplessness",
      label: "helplessness",
      kind: "select",
      options: ["light", "moderate", "severe"],
    },
    {
      name: "ssi",
      label: "ssi",
      kind: "select",
      optional: true,
      emptyAsNull: true,
      options: ["4h", "6h", "8h"],
    },
    { name: "nights_home", label: "nights_home", kind: "integer" },
    { name: "nights_away", label: "nights_away", kind: "integer", initial: "0" },
  ],
  rows: null,
  attachmentKinds: ["other"],
};

const hearing: ContentSpec = {
  family: "hearing",
  fields: [
    { name: "fitting", label: "fitting", kind: "select", options: ["first", "follow_up"] },
    { name: "seller", label: "seller", kind: "text" },
    { name: "delivery_date", label: "delivery_date", kind: "date" },
  ],
  rows: {
    name: "lines",
    fields: [
      { name: "code", label: "code", kind: "select", options: HEARING_CODES },
      {
        name: "ears",
        label: "ears",
        kind: "select",
        numeric: true,
        options: ["1", "2"],
        initial: "1",
        when: (row) => row.code === "909.03",
      },
      {
        name: "actual_cost",
        label: "actual_cost",
        kind: "money",
        optional: true,
        when: (row) => row.code === "909.01" || row.code === "909.02",
      },
    ],
  },
  attachmentKinds: ["supplier_invoice", "other"],
};

const assistance: ContentSpec = {
  family: "assistance",
  fields: [{ name: "month", label: "month", kind: "month" }],
  rows: {
    name: "assistants",
    fields: [
      { name: "name", label: "assistant_name", kind: "text" },
      { name: "relative", label: "relative", kind: "checkbox", initial: false },
      { name: "hours", label: "hours", kind: "decimal" },
      { name: "qualified_hours", label: "qualified_hours", kind: "decimal", initial: "0" },
      ...[0, 1, 2, 3].map((level): FieldSpec => ({
        name: `nights[${String(level)}]`,
        label: `nights_${String(level + 1)}`,
        kind: "integer",
        initial: "0",
      })),
      { name: "continued_wage_days", label: "continued_wage_days", kind: "integer", initial: "0" },
      {
        name: "continued_wage_amount",
        label: "continued_wage_amount",
        kind: "money",
        initial: "0",
      },
    ],
  },
  attachmentKinds: ["payslip", "other"],
};

const travel: ContentSpec = {
  family: "travel",
  fields: [{ name: "companion", label: "companion", kind: "checkbox", initial: false }],
  rows: {
    name: "lines",
    fields: [
      { name: "date", label: "travel_date", kind: "date" },
      { name: "from", label: "from", kind: "text" },
      { name: "to", label: "to", kind: "text" },
      { name: "purpose", label: "purpose", kind: "text" },
      {
        name: "transport",
        label: "transport",
        kind: "select",
        options: ["public", "car", "other"],
      },
      { name: "km", label: "km", kind: "decimal", when: (row) => row.transport === "car" },
      {
        name: "fare",
        label: "fare",
        kind: "money",
        when: (row) => row.transport === "public" || row.transport === "other",
      },
      { name: "hours_away", label: "hours_away", kind: "decimal" },
      { name: "nights_away", label: "nights_away", kind: "integer", initial: "0" },
      { name: "board_paid", label: "board_paid", kind: "checkbox", initial: false },
    ],
  },
  attachmentKinds: ["receipt", "other"],
};

const other: ContentSpec = {
  family: "other",
  fields: [],
  rows: {
    name: "lines",
    fields: [
      { name: "date", label: "service_date", kind: "date" },
      { name: "description", label: "description", kind: "text" },
      { name: "tariff_code", label: "tariff_code", kind: "text", optional: true },
      { name: "quantity", label: "quantity", kind: "decimal", initial: "1" },
      { name: "rate", label: "rate", kind: "money" },
    ],
  },
  attachmentKinds: ["supplier_invoice", "other"],
};

const BY_FORM: Readonly<Record<string, ContentSpec>> = {
  "318.635": aids,
  "318.636": aids,
  "318.637": aids,
  "318.638": aids,
  "318.639": aids,
  "318.632.2": apiSsi,
  "300.001": hearing,
  "318.536": assistance,
  "318.632.1": travel,
  "318.632": other,
};

export function contentSpec(form: string): ContentSpec {
  const spec = BY_FORM[form];
  if (spec === undefined) throw new Error(`unknown form ${form}`);
  return spec;
}

/** Whether a field is shown (and sent) given its row. */
export function isActive(field: FieldSpec, row: RowValues): boolean {
  return field.when === undefined || field.when(row);
}

export function initialValues(fields: readonly FieldSpec[]): RowValues {
  return Object.fromEntries(
    fields.map((field) => [field.name, field.initial ?? (field.kind === "checkbox" ? false : "")]),
  );
}
