/**
 * A one-line notice carried to the next page in the history entry (e.g. "Vous êtes
 * déconnecté." on the sign-in page), so that it follows the language and survives no more
 * than that entry.
 */
import type { Messages } from "../i18n/messages";
import { historyState, type NavigateOptions } from "../router/location";

export type NoticeKey = keyof Messages["notices"];

interface NoticeState {
  readonly notice: NoticeKey;
  /** The e-mail to propose on the sign-in page. */
  readonly email?: string;
}

const NOTICE_KEYS: readonly NoticeKey[] = [
  "signedOut",
  "passwordReset",
  "invitationAccepted",
  "passwordChanged",
];

export function withNotice(notice: NoticeKey, email?: string): NavigateOptions {
  return { state: { notice, ...(email !== undefined && { email }) } satisfies NoticeState };
}

export function currentNotice(): NoticeState | null {
  const state = historyState();
  if (typeof state !== "object" || state === null || !("notice" in state)) return null;
  const { notice } = state;
  if (!NOTICE_KEYS.includes(notice as NoticeKey)) return null;
  const email = "email" in state && typeof state.email === "string" ? state.email : undefined;
  return { notice: notice as NoticeKey, ...(email !== undefined && { email }) };
}
