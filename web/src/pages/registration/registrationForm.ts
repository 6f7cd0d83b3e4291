/** The registration form's values, its client checks, and the request they become. */
import type { RegistrationRequest } from "../../api/organisation";
import {
  checkConfirmation,
  checkEmail,
  checkGln,
  checkNewPassword,
  checkPhone,
  checkRequired,
  checkUid,
  compactDigits,
  type Check,
} from "../../forms/checks";
import type { Language } from "../../i18n/language";

export interface RegistrationValues {
  readonly "company.name": string;
  readonly "company.gln": string;
  readonly "company.uid": string;
  readonly "company.street": string;
  readonly "company.postcode": string;
  readonly "company.locality": string;
  readonly "company.phone": string;
  readonly "manager.first_name": string;
  readonly "manager.last_name": string;
  readonly "manager.email": string;
  readonly "manager.password": string;
  readonly "manager.password_confirmation": string;
  readonly "manager.mobile": string;
}

/** Every field by its server path, in the order of the form (the summary follows it). */
export const REGISTRATION_FIELDS = [
  "account_type",
  "company.name",
  "company.gln",
  "company.uid",
  "company.street",
  "company.postcode",
  "company.locality",
  "company.phone",
  "manager.first_name",
  "manager.last_name",
  "manager.email",
  "manager.password",
  "manager.password_confirmation",
  "manager.mobile",
  "manager.language",
  "terms_accepted",
] as const;

export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export const emptyRegistration: RegistrationValues = {
  "company.name": "",
  "company.gln": "",
  "company.uid": "",
  "company.street": "",
  "company.postcode": "",
  "company.locality": "",
  "company.phone": "",
  "manager.first_name": "",
  "manager.last_name": "",
  "manager.email": "",
  "manager.password": "",
  "manager.password_confirmation": "",
  "manager.mobile": "",
};

export function checkRegistration(
  values: RegistrationValues,
  termsAccepted: boolean,
): Partial<Record<RegistrationField, Check | null>> {
  return {
    "company.name": checkRequired(values["company.name"]),
    "company.gln": checkGln(values["company.gln"]),
    "company.uid": checkUid(values["company.uid"]),
    "company.street": checkRequired(values["company.street"]),
    "company.postcode": checkRequired(values["company.postcode"]),
    "company.locality": checkRequired(values["company.locality"]),
    "company.phone": checkPhone(values["company.phone"]),
    "manager.first_name": checkRequired(values["manager.first_name"]),
    "manager.last_name": checkRequired(values["manager.last_name"]),
    "manager.email": checkEmail(values["manager.email"]),
    "manager.password": checkNewPassword(values["manager.password"]),
    "manager.password_confirmation": checkConfirmation(
      values["manager.password"],
      values["manager.password_confirmation"],
    ),
    "manager.mobile": checkPhone(values["manager.mobile"], "mobile"),
    terms_accepted: termsAccepted ? null : "terms",
  };
}

export function registrationRequest(
  values: RegistrationValues,
  language: Language,
  termsAccepted: boolean,
): RegistrationRequest {
  const uid = values["company.uid"].trim();
  return {
    account_type: "institution",
    company: {
      name: values["company.name"].trim(),
      gln: compactDigits(values["company.gln"]),
      uid: uid === "" ? null : uid,
      street: values["company.street"].trim(),
      postcode: values["company.postcode"].trim(),
      locality: values["company.locality"].trim(),
      phone: values["company.phone"].trim(),
    },
    manager: {
      first_name: values["manager.first_name"].trim(),
      last_name: values["manager.last_name"].trim(),
      email: values["manager.email"].trim(),
      // Passwords are sent exactly as typed: spaces count.
      password: values["manager.password"],
      mobile: values["manager.mobile"].trim(),
      language,
    },
    terms_accepted: termsAccepted,
  };
}
