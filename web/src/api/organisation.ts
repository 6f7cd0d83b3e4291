/** Organisation's public registration endpoint (docs/design/accounts-and-registration.md). */
import type { Language } from "../i18n/language";
import { apiCall, type ApiResult } from "./http";

export interface RegistrationRequest {
  readonly account_type: "institution";
  readonly company: {
    readonly name: string;
    readonly gln: string;
    readonly uid: string | null;
    readonly street: string;
    readonly postcode: string;
    readonly locality: string;
    readonly phone: string;
  };
  readonly manager: {
    readonly first_name: string;
    readonly last_name: string;
    readonly email: string;
    readonly password: string;
    readonly mobile: string;
    readonly language: Language;
  };
  readonly terms_accepted: boolean;
}

export interface RegistrationAnswer {
  readonly institution_id: string;
  readonly status: string;
}

export function register(
  request: RegistrationRequest,
  language: Language,
): Promise<ApiResult<RegistrationAnswer>> {
  return apiCall("/api/organisation/registrations", { method: "POST", body: request, language });
}
