/** Beneficiary's routes (scoped to the caller's institution) and the documents upload. */
import type { Language } from "../i18n/language";
import type { SessionManager } from "../session/SessionManager";
import type { ApiResult } from "./http";

const BASE = "/api/beneficiary/beneficiaries";

export interface Address {
  readonly street: string;
  readonly postcode: string;
  readonly locality: string;
}

export interface Representative {
  readonly name: string;
  readonly address: Address;
  readonly relationship: string;
}

export interface Decision {
  readonly number: string;
  readonly description: string;
}

export interface BankDetails {
  readonly iban: string;
  readonly holder: string | null;
  readonly reference: string | null;
}

export interface BeneficiaryInput {
  readonly last_name: string;
  readonly first_name: string;
  /** YYYY-MM-DD */
  readonly birth_date: string;
  readonly address: Address;
  readonly avs: string;
  readonly representative: Representative | null;
  readonly decisions: readonly Decision[];
  readonly bank: BankDetails | null;
  readonly power_of_attorney_document_id: string | null;
}

export interface Beneficiary extends BeneficiaryInput {
  readonly id: string;
  readonly bank: (BankDetails & { readonly qr_iban: boolean }) | null;
  readonly has_power_of_attorney: boolean;
  readonly referenced: boolean;
  readonly version: number;
}

export interface BeneficiaryRow {
  readonly id: string;
  readonly last_name: string;
  readonly first_name: string;
  /** 756.xxxx.xxxx.xx */
  readonly avs: string;
  readonly postcode: string;
  readonly locality: string;
  readonly birth_date: string;
  readonly has_power_of_attorney: boolean;
}

export interface BeneficiaryPage {
  readonly items: readonly BeneficiaryRow[];
  readonly next_cursor: string | null;
}

export interface ListFilters {
  readonly name?: string;
  readonly avs?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

export interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly media_type: string;
  readonly size: number;
}

type Caller = Pick<SessionManager, "call">;

/** The list's query string: empty filters are left out. */
export function listQuery({ name, avs, cursor, limit }: ListFilters): string {
  const query = new URLSearchParams();
  if (name !== undefined && name.trim() !== "") query.set("name", name.trim());
  if (avs !== undefined && avs.trim() !== "") query.set("avs", avs.trim());
  if (limit !== undefined) query.set("limit", String(limit));
  if (cursor !== undefined && cursor !== null) query.set("cursor", cursor);
  const text = query.toString();
  return text === "" ? "" : `?${text}`;
}

export function beneficiaryApi(session: Caller, language: Language) {
  const id = (value: string) => `${BASE}/${encodeURIComponent(value)}`;
  return {
    list: (filters: ListFilters): Promise<ApiResult<BeneficiaryPage>> =>
      session.call(`${BASE}${listQuery(filters)}`, { language }),
    get: (value: string): Promise<ApiResult<Beneficiary>> => session.call(id(value), { language }),
    create: (input: BeneficiaryInput): Promise<ApiResult<Beneficiary>> =>
      session.call(BASE, { method: "POST", body: input, language }),
    update: (value: string, input: BeneficiaryInput): Promise<ApiResult<Beneficiary>> =>
      session.call(id(value), { method: "PUT", body: input, language }),
    remove: (value: string): Promise<ApiResult<{ readonly archived: boolean }>> =>
      session.call(id(value), { method: "DELETE", language }),
    /** A power of attorney (PDF, JPEG or PNG, at most 10 MB), sent as the raw body. */
    uploadPowerOfAttorney: (file: File): Promise<ApiResult<StoredFile>> =>
      session.call(
        `/api/documents/files?purpose=power_of_attorney&filename=${encodeURIComponent(file.name)}`,
        { method: "POST", raw: file, language },
      ),
    fileInfo: (fileId: string): Promise<ApiResult<StoredFile>> =>
      session.call(`/api/documents/files/${encodeURIComponent(fileId)}`, { language }),
  };
}
