/** The member form's fields, client checks and requests (add, or change names/role/mobile). */
import type { MemberChanges, MemberRole, NewMember } from "../api/company";
import { checkEmail, checkPhone, checkRequired, type Check } from "../forms/checks";
import type { Language } from "../i18n/language";

export const MEMBER_FIELDS = [
  "first_name",
  "last_name",
  "role",
  "email",
  "mobile",
  "language",
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export interface MemberValues {
  readonly first_name: string;
  readonly last_name: string;
  readonly email: string;
  readonly mobile: string;
}

export const emptyMember: MemberValues = { first_name: "", last_name: "", email: "", mobile: "" };

/** `adding`: the e-mail is asked (and checked) only when adding; it cannot change later. */
export function checkMember(
  values: MemberValues,
  role: MemberRole | "",
  adding: boolean,
): Partial<Record<MemberField, Check | null>> {
  return {
    first_name: checkRequired(values.first_name),
    last_name: checkRequired(values.last_name),
    role: role === "" ? "required" : null,
    ...(adding && { email: checkEmail(values.email) }),
    mobile: checkPhone(values.mobile, "mobile"),
  };
}

export function newMemberRequest(
  values: MemberValues,
  role: MemberRole,
  language: Language,
): NewMember {
  return {
    first_name: values.first_name.trim(),
    last_name: values.last_name.trim(),
    role,
    email: values.email.trim(),
    mobile: values.mobile.trim(),
    language,
  };
}

export function memberChanges(values: MemberValues, role: MemberRole): MemberChanges {
  return {
    first_name: values.first_name.trim(),
    last_name: values.last_name.trim(),
    role,
    mobile: values.mobile.trim(),
  };
}
