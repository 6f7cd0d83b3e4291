/**
 * Cheap client-side checks that mirror the server's (organisation and identity stay the
 * authority: they use stdnum and phonenumbers; we only catch what is certain to fail).
 */

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export type Check =
  | "required"
  | "glnFormat"
  | "glnCheckDigit"
  | "uidFormat"
  | "uidCheckDigit"
  | "email"
  | "phone"
  | "mobile"
  | "passwordTooShort"
  | "passwordTooLong"
  | "confirmationMismatch"
  | "terms"
  | "code"
  | "avsFormat"
  | "avsCheckDigit";

/** Digits only, with spaces, dots and dashes people type between groups removed. */
export function compactDigits(value: string): string {
  return value.replace(/[\s.-]/g, "");
}

/** GS1 check digit of the first 12 digits (weights 1, 3, 1, 3 … from the left). */
export function gs1CheckDigit(first12: string): number {
  let sum = 0;
  for (const [index, char] of Array.from(first12).entries()) {
    sum += Number(char) * (index % 2 === 0 ? 1 : 3);
  }
  return (10 - (sum % 10)) % 10;
}

export function checkGln(value: string): Check | null {
  const gln = compactDigits(value);
  if (gln === "") return "required";
  if (!/^\d{13}$/.test(gln)) return "glnFormat";
  return gs1CheckDigit(gln.slice(0, 12)) === Number(gln[12]) ? null : "glnCheckDigit";
}

/** Swiss UID `CHE-123.456.789`: mod-11 check over the first eight digits. */
export function checkUid(value: string): Check | null {
  const uid = value.toUpperCase().replace(/[\s.-]/g, "");
  if (uid === "") return null;
  if (!/^CHE\d{9}$/.test(uid)) return "uidFormat";
  const digits = Array.from(uid.slice(3), Number);
  const weights = [5, 4, 3, 2, 7, 6, 5, 4];
  const sum = weights.reduce((total, weight, index) => total + weight * (digits[index] ?? 0), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits[8] ? null : "uidCheckDigit";
}

export function checkEmail(value: string): Check | null {
  const email = value.trim();
  if (email === "") return "required";
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? null : "email";
}

/** A plausible phone number; the server decides with phonenumbers (CH and neighbours). */
function plausiblePhone(value: string): boolean {
  const compact = value.replace(/[\s.\-/()]/g, "");
  return /^(\+|00)?\d{9,15}$/.test(compact);
}

export function checkPhone(value: string, kind: "phone" | "mobile" = "phone"): Check | null {
  if (value.trim() === "") return "required";
  return plausiblePhone(value) ? null : kind;
}

/** Length in characters as the server counts them (code points, not UTF-16 units). */
export function passwordLength(password: string): number {
  return Array.from(password).length;
}

export function checkNewPassword(password: string): Check | null {
  if (password === "") return "required";
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return "passwordTooShort";
  if (length > PASSWORD_MAX) return "passwordTooLong";
  return null;
}

export function checkConfirmation(password: string, confirmation: string): Check | null {
  if (confirmation === "") return "required";
  return confirmation === password ? null : "confirmationMismatch";
}

export function checkRequired(value: string): Check | null {
  return value.trim() === "" ? "required" : null;
}

/** The SMS code, as typed or pasted ("123 456" is fine). */
export function normaliseCode(value: string): string {
  return value.replace(/\D/g, "");
}

export function checkCode(value: string): Check | null {
  const code = normaliseCode(value);
  if (value.trim() === "") return "required";
  return code.length === 6 ? null : "code";
}

/** AVS number `756.1234.5678.97`: 13 digits starting with 756, EAN-13 check digit. */
export function checkAvs(value: string): Check | null {
  const avs = compactDigits(value);
  if (avs === "") return "required";
  if (!/^756\d{10}$/.test(avs)) return "avsFormat";
  return gs1CheckDigit(avs.slice(0, 12)) === Number(avs[12]) ? null : "avsCheckDigit";
}
