/**
 * Errors of one form: a message per field (by the server's JSON path, e.g. `company.gln`)
 * and messages that belong to no field. Built from client checks or from a problem+json.
 */
import type { Problem } from "../api/problem";
import type { Messages } from "../i18n/messages";
import { PASSWORD_MAX, PASSWORD_MIN, type Check } from "./checks";

export interface FormErrors {
  readonly fields: Readonly<Partial<Record<string, string>>>;
  readonly general: readonly string[];
}

export const noErrors: FormErrors = { fields: {}, general: [] };

export function hasErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.values(errors.fields).some(Boolean);
}

/** `body.company.gln`, `$.company.gln` → `company.gln` */
export function normaliseFieldPath(path: string): string {
  return path.replace(/^\$\.?/, "").replace(/^body\./, "");
}

/** The form field an error path belongs to: itself, or the closest field containing it. */
export function owningField(path: string, knownFields: readonly string[]): string | null {
  const normalised = normaliseFieldPath(path);
  if (knownFields.includes(normalised)) return normalised;
  let best: string | null = null;
  for (const field of knownFields) {
    const inside = normalised.startsWith(`${field}.`) || normalised.startsWith(`${field}[`);
    if (inside && (best === null || field.length > best.length)) best = field;
  }
  return best;
}

/** The message for a problem as a whole (not tied to a field). */
export function problemMessage(problem: Problem, t: Messages): string {
  switch (problem.code) {
    case "network_error":
      return t.problems.network;
    case "rate_limited":
      return t.problems.rateLimited;
    case "session_expired":
      return t.problems.sessionExpired;
    case "validation_failed":
      return t.problems.validation;
    case "http_error":
    case "internal_error":
      return t.problems.generic;
    default:
      return problem.message ?? problem.detail ?? t.problems.generic;
  }
}

/**
 * Maps a problem+json answer onto a form: each `errors[]` entry under its field (several
 * messages for one field are joined), entries for unknown fields and field-less problems in
 * `general`. The server's message is used as it is (it is in the language asked for).
 */
export function formErrorsFromProblem(
  problem: Problem,
  knownFields: readonly string[],
  t: Messages,
): FormErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const error of problem.errors) {
    const message = error.message.trim() === "" ? t.forms.invalid : error.message;
    const field = owningField(error.field, knownFields);
    if (field === null) {
      general.push(message);
    } else {
      const existing = fields[field];
      if (existing === undefined) fields[field] = message;
      else if (!existing.includes(message)) fields[field] = `${existing} ${message}`;
    }
  }
  if (problem.errors.length === 0) general.push(problemMessage(problem, t));
  return { fields, general };
}

/** The message of a failed client check, for a field with this label. */
export function checkMessage(check: Check, label: string, t: Messages): string {
  switch (check) {
    case "required":
      return t.validation.required(label);
    case "passwordTooShort":
      return t.validation.passwordTooShort(PASSWORD_MIN);
    case "passwordTooLong":
      return t.validation.passwordTooLong(PASSWORD_MAX);
    default:
      return t.validation[check];
  }
}

/** Client checks (field → failed check or null) as FormErrors, with labels for messages. */
export function formErrorsFromChecks(
  checks: Readonly<Partial<Record<string, Check | null>>>,
  labels: Readonly<Partial<Record<string, string>>>,
  t: Messages,
): FormErrors {
  const fields: Record<string, string> = {};
  for (const [field, check] of Object.entries(checks)) {
    if (check !== null && check !== undefined) {
      fields[field] = checkMessage(check, labels[field] ?? field, t);
    }
  }
  return { fields, general: [] };
}
