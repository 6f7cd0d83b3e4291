/**
 * "Ma société" (organisation's company routes): the institution, its members and its bank
 * accounts. Members and accounts are for managers (a collaborator gets 403).
 */
import type { Language } from "../i18n/language";
import type { SessionManager } from "../session/SessionManager";
import type { ApiResult } from "./http";

const BASE = "/api/organisation";

export type MemberRole = "manager" | "collaborator";

export interface Institution {
  readonly id: string;
  readonly name: string;
  readonly gln: string;
  readonly uid: string | null;
  readonly street: string;
  readonly postcode: string;
  readonly locality: string;
  readonly phone: string;
}

export interface Member {
  readonly id: string;
  readonly account_id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly role: MemberRole;
  readonly email: string;
  readonly mobile: string;
  readonly language: string;
  readonly created_at: string;
}

export interface NewMember {
  readonly first_name: string;
  readonly last_name: string;
  readonly role: MemberRole;
  readonly email: string;
  readonly mobile: string;
  readonly language: Language;
}

export interface MemberChanges {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly role?: MemberRole;
  readonly mobile?: string;
}

export interface BankAccount {
  readonly id: string;
  readonly iban: string;
  readonly iban_formatted: string;
  readonly holder: string;
  readonly label: string;
  readonly nif: string | null;
  readonly is_qr_iban: boolean;
}

export interface BankAccountInput {
  readonly iban: string;
  readonly holder: string;
  readonly label: string;
  readonly nif: string | null;
}

interface Items<T> {
  readonly items: readonly T[];
}

type Caller = Pick<SessionManager, "call">;

export function companyApi(session: Caller, language: Language) {
  const call = <T>(
    path: string,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" = "GET",
    body?: unknown,
  ) => session.call<T>(`${BASE}${path}`, { method, language, ...(body !== undefined && { body }) });
  return {
    institution: (): Promise<ApiResult<Institution>> => call("/institution"),
    members: (): Promise<ApiResult<Items<Member>>> => call("/members"),
    addMember: (member: NewMember): Promise<ApiResult<Member>> => call("/members", "POST", member),
    changeMember: (id: string, changes: MemberChanges): Promise<ApiResult<Member>> =>
      call(`/members/${encodeURIComponent(id)}`, "PATCH", changes),
    removeMember: (id: string): Promise<ApiResult<unknown>> =>
      call(`/members/${encodeURIComponent(id)}`, "DELETE"),
    bankAccounts: (): Promise<ApiResult<Items<BankAccount>>> => call("/bank-accounts"),
    addBankAccount: (account: BankAccountInput): Promise<ApiResult<BankAccount>> =>
      call("/bank-accounts", "POST", account),
    changeBankAccount: (id: string, account: BankAccountInput): Promise<ApiResult<BankAccount>> =>
      call(`/bank-accounts/${encodeURIComponent(id)}`, "PUT", account),
    removeBankAccount: (id: string): Promise<ApiResult<unknown>> =>
      call(`/bank-accounts/${encodeURIComponent(id)}`, "DELETE"),
  };
}
