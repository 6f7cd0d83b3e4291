/**
 * Identity's public endpoints (docs/design/accounts-and-registration.md, "Login"). Tokens and
 * the `/me` answer are handled by the session; this module is the plain calls.
 */
import type { Language } from "../i18n/language";
import { apiCall, type ApiResult } from "./http";

const AUTH = "/api/identity/auth";

export interface LoginChallenge {
  readonly challenge_id: string;
  /** e.g. "+41 79 *** ** 67" */
  readonly mobile_hint: string;
  /** ISO date-time; "J'ai besoin d'un nouveau code d'accès" opens then. */
  readonly resend_available_at: string;
  readonly expires_at: string;
}

export interface TokenAnswer {
  readonly access_token: string;
  readonly token_type: string;
  /** Seconds. */
  readonly expires_in: number;
  /** When the session ends unless renewed (30 minutes idle, 12 hours at most). */
  readonly refresh_expires_at?: string;
}

export interface ResendAnswer {
  readonly resend_available_at: string;
}

export interface Invitation {
  readonly email: string;
  readonly first_name: string;
}

export interface NewPassword {
  readonly password: string;
  readonly password_confirmation: string;
}

export function login(
  email: string,
  password: string,
  language: Language,
): Promise<ApiResult<LoginChallenge>> {
  return apiCall(`${AUTH}/login`, { method: "POST", body: { email, password }, language });
}

export function verifyCode(
  challengeId: string,
  code: string,
  language: Language,
): Promise<ApiResult<TokenAnswer>> {
  return apiCall(`${AUTH}/login/verify`, {
    method: "POST",
    body: { challenge_id: challengeId, code },
    language,
  });
}

export function resendCode(
  challengeId: string,
  language: Language,
): Promise<ApiResult<ResendAnswer>> {
  return apiCall(`${AUTH}/login/resend`, {
    method: "POST",
    body: { challenge_id: challengeId },
    language,
  });
}

export function forgotPassword(email: string, language: Language): Promise<ApiResult<unknown>> {
  return apiCall(`${AUTH}/password/forgot`, {
    method: "POST",
    body: { email, language },
    language,
  });
}

export function resetPassword(
  token: string,
  password: NewPassword,
  language: Language,
): Promise<ApiResult<unknown>> {
  return apiCall(`${AUTH}/password/reset`, {
    method: "POST",
    body: { token, ...password },
    language,
  });
}

/** POST, not GET /invitations/{token}: a token in a URL ends up in access logs. */
export function readInvitation(token: string, language: Language): Promise<ApiResult<Invitation>> {
  return apiCall(`${AUTH}/invitations/lookup`, { method: "POST", body: { token }, language });
}

export function acceptInvitation(
  token: string,
  password: NewPassword,
  language: Language,
): Promise<ApiResult<unknown>> {
  return apiCall(`${AUTH}/invitations/accept`, {
    method: "POST",
    body: { token, ...password },
    language,
  });
}
