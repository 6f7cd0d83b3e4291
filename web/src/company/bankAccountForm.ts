/** The company bank account form's fields, client checks and request. */
import type { BankAccountInput } from "../api/company";
import { checkRequired, type Check } from "../forms/checks";

export const BANK_ACCOUNT_FIELDS = ["label", "iban", "holder", "nif"] as const;
export type BankAccountField = (typeof BANK_ACCOUNT_FIELDS)[number];

export type BankAccountValues = Readonly<Record<BankAccountField, string>>;

export const emptyBankAccount: BankAccountValues = { label: "", iban: "", holder: "", nif: "" };

export function checkBankAccount(
  values: BankAccountValues,
): Partial<Record<BankAccountField, Check | null>> {
  return {
    label: checkRequired(values.label),
    iban: checkRequired(values.iban),
    holder: checkRequired(values.holder),
  };
}

export function bankAccountRequest(values: BankAccountValues): BankAccountInput {
  const nif = values.nif.trim();
  return {
    label: values.label.trim(),
    iban: values.iban.trim(),
    holder: values.holder.trim(),
    nif: nif === "" ? null : nif,
  };
}
