/**
 * The beneficiary form's values, the server paths of its fields (the error summary follows
 * their order), its client checks and the request it becomes.
 */
import type { Beneficiary, BeneficiaryInput } from "../api/beneficiaries";
import { checkAvs, checkRequired, compactDigits, type Check } from "../forms/checks";
import type { Messages } from "../i18n/messages";

export const TEXT_FIELDS = [
  "last_name",
  "first_name",
  "birth_date",
  "address.street",
  "address.postcode",
  "address.locality",
  "avs",
  "representative.name",
  "representative.address.street",
  "representative.address.postcode",
  "representative.address.locality",
  "representative.relationship",
  "bank.iban",
  "bank.holder",
  "bank.reference",
] as const;
export type TextFieldName = (typeof TEXT_FIELDS)[number];

export type TextValues = Readonly<Record<TextFieldName, string>>;

export interface DecisionRow {
  /** Stable React key (rows can be removed in the middle). */
  readonly key: number;
  readonly number: string;
  readonly description: string;
}

export interface UploadedFile {
  readonly id: string;
  /** Known right after an upload; an existing document shows as "on file". */
  readonly name: string | null;
}

export interface BeneficiaryValues {
  readonly text: TextValues;
  readonly hasRepresentative: boolean;
  readonly decisions: readonly DecisionRow[];
  readonly document: UploadedFile | null;
}

export const emptyText: TextValues = Object.fromEntries(
  TEXT_FIELDS.map((name) => [name, ""]),
) as Record<TextFieldName, string>;

export const emptyBeneficiary: BeneficiaryValues = {
  text: emptyText,
  hasRepresentative: false,
  decisions: [],
  document: null,
};

export function valuesOf(beneficiary: Beneficiary): BeneficiaryValues {
  const r = beneficiary.representative;
  const bank = beneficiary.bank;
  return {
    text: {
      last_name: beneficiary.last_name,
      first_name: beneficiary.first_name,
      birth_date: beneficiary.birth_date,
      "address.street": beneficiary.address.street,
      "address.postcode": beneficiary.address.postcode,
      "address.locality": beneficiary.address.locality,
      avs: beneficiary.avs,
      "representative.name": r?.name ?? "",
      "representative.address.street": r?.address.street ?? "",
      "representative.address.postcode": r?.address.postcode ?? "",
      "representative.address.locality": r?.address.locality ?? "",
      "representative.relationship": r?.relationship ?? "",
      "bank.iban": bank?.iban ?? "",
      "bank.holder": bank?.holder ?? "",
      "bank.reference": bank?.reference ?? "",
    },
    hasRepresentative: r !== null,
    decisions: beneficiary.decisions.map((d, index) => ({
      key: index + 1,
      number: d.number,
      description: d.description,
    })),
    document:
      beneficiary.power_of_attorney_document_id === null
        ? null
        : { id: beneficiary.power_of_attorney_document_id, name: null },
  };
}

const REPRESENTATIVE_FIELDS: readonly TextFieldName[] = [
  "representative.name",
  "representative.address.street",
  "representative.address.postcode",
  "representative.address.locality",
  "representative.relationship",
];

/** The form's fields as the server names them, in the order they appear. */
export function beneficiaryFields(values: BeneficiaryValues): string[] {
  const personal = TEXT_FIELDS.slice(0, 7);
  return [
    ...personal,
    "representative",
    ...(values.hasRepresentative ? REPRESENTATIVE_FIELDS : []),
    "decisions",
    ...values.decisions.flatMap((_, index) => [
      `decisions[${String(index)}].number`,
      `decisions[${String(index)}].description`,
    ]),
    "bank.iban",
    "bank.holder",
    "bank.reference",
    "power_of_attorney_document_id",
  ];
}

/** The label of every field (the summary and the client checks' messages use them). */
export function beneficiaryLabels(values: BeneficiaryValues, t: Messages): Record<string, string> {
  const f = t.beneficiaries.form;
  const labels: Record<string, string> = {
    last_name: f.lastName,
    first_name: f.firstName,
    birth_date: f.birthDate,
    "address.street": f.street,
    "address.postcode": f.postcode,
    "address.locality": f.locality,
    avs: f.avs,
    representative: f.representative,
    "representative.name": f.representativeName,
    "representative.address.street": f.representativeStreet,
    "representative.address.postcode": f.representativePostcode,
    "representative.address.locality": f.representativeLocality,
    "representative.relationship": f.relationship,
    decisions: f.decisions,
    "bank.iban": f.iban,
    "bank.holder": f.holder,
    "bank.reference": f.reference,
    power_of_attorney_document_id: f.file,
  };
  values.decisions.forEach((_, index) => {
    labels[`decisions[${String(index)}].number`] = f.decisionNumber(index + 1);
    labels[`decisions[${String(index)}].description`] = f.decisionDescription(index + 1);
  });
  return labels;
}

function hasBank(text: TextValues): boolean {
  return [text["bank.iban"], text["bank.holder"], text["bank.reference"]].some(
    (value) => value.trim() !== "",
  );
}

/** What is certain to fail; the server checks the rest (IBAN, references, decision numbers). */
export function checkBeneficiary(values: BeneficiaryValues): Record<string, Check | null> {
  const { text } = values;
  const checks: Record<string, Check | null> = {
    last_name: checkRequired(text.last_name),
    first_name: checkRequired(text.first_name),
    birth_date: checkRequired(text.birth_date),
    "address.street": checkRequired(text["address.street"]),
    "address.postcode": checkRequired(text["address.postcode"]),
    "address.locality": checkRequired(text["address.locality"]),
    avs: checkAvs(text.avs),
  };
  if (values.hasRepresentative) {
    for (const name of REPRESENTATIVE_FIELDS) checks[name] = checkRequired(text[name]);
  }
  values.decisions.forEach((decision, index) => {
    checks[`decisions[${String(index)}].number`] = checkRequired(decision.number);
    checks[`decisions[${String(index)}].description`] = checkRequired(decision.description);
  });
  if (hasBank(text)) checks["bank.iban"] = checkRequired(text["bank.iban"]);
  return checks;
}

function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

export function beneficiaryRequest(values: BeneficiaryValues): BeneficiaryInput {
  const { text } = values;
  return {
    last_name: text.last_name.trim(),
    first_name: text.first_name.trim(),
    birth_date: text.birth_date,
    address: {
      street: text["address.street"].trim(),
      postcode: text["address.postcode"].trim(),
      locality: text["address.locality"].trim(),
    },
    avs: compactDigits(text.avs),
    representative: values.hasRepresentative
      ? {
          name: text["representative.name"].trim(),
          address: {
            street: text["representative.address.street"].trim(),
            postcode: text["representative.address.postcode"].trim(),
            locality: text["representative.address.locality"].trim(),
          },
          relationship: text["representative.relationship"].trim(),
        }
      : null,
    decisions: values.decisions.map((d) => ({
      number: compactDigits(d.number),
      description: d.description.trim(),
    })),
    bank: hasBank(text)
      ? {
          iban: text["bank.iban"].trim(),
          holder: optional(text["bank.holder"]),
          reference: optional(text["bank.reference"]),
        }
      : null,
    power_of_attorney_document_id: values.document?.id ?? null,
  };
}
