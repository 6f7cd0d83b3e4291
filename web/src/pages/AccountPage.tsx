/**
 * "Mon compte" (guide 4.1): the user's own information (managed by the company's manager)
 * and the change of password, which ends every session, this one included.
 */
import { useId } from "react";
import type { Problem } from "../api/problem";
import type { FormErrors } from "../forms/formErrors";
import { useI18n } from "../i18n/useI18n";
import type { Messages } from "../i18n/messages";
import { Page } from "../layout/Page";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { sessionUser, useSession, useSessionManager } from "../session/session";
import { withNotice } from "./notices";
import { PasswordChoiceForm } from "./PasswordChoiceForm";

const WRONG_CURRENT_PASSWORD = new Set([
  "invalid_credentials",
  "invalid_password",
  "wrong_password",
  "invalid_current_password",
]);

/** "+41791234567" → "+41 79 123 45 67" (Swiss numbers; others as stored). */
export function formatPhone(e164: string): string {
  const swiss = /^\+41(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return swiss === null ? e164 : `+41 ${swiss.slice(1).join(" ")}`;
}

export function changePasswordProblem(problem: Problem, t: Messages): FormErrors | null {
  if (problem.code === "locked") return { fields: {}, general: [t.signIn.locked] };
  if (problem.errors.length === 0 && WRONG_CURRENT_PASSWORD.has(problem.code)) {
    return { fields: { current_password: t.account.currentPasswordWrong }, general: [] };
  }
  return null;
}

export function AccountPage() {
  const { t, language } = useI18n();
  const session = useSession();
  const manager = useSessionManager();
  const user = sessionUser(session);
  const profileId = useId();
  const passwordId = useId();
  const a = t.account;

  return (
    <Page title={a.title}>
      {user !== null && (
        <section className="panel panel--narrow" aria-labelledby={profileId}>
          <h2 id={profileId} className="panel__title">
            {a.profile}
          </h2>
          <dl className="details">
            <dt>{a.name}</dt>
            <dd>
              {user.lastName} {user.firstName}
            </dd>
            <dt>{a.email}</dt>
            <dd>{user.email}</dd>
            {user.mobile !== null && (
              <>
                <dt>{a.mobile}</dt>
                <dd>{formatPhone(user.mobile)}</dd>
              </>
            )}
            {user.companyName !== null && (
              <>
                <dt>{t.userMenu.company}</dt>
                <dd>{user.companyName}</dd>
              </>
            )}
            {user.role !== null && (
              <>
                <dt>{a.role}</dt>
                <dd>{a.roles[user.role]}</dd>
              </>
            )}
          </dl>
          <p className="muted">{a.managedByManager}</p>
        </section>
      )}
      <section className="panel panel--narrow" aria-labelledby={passwordId}>
        <h2 id={passwordId} className="panel__title">
          {a.changePassword}
        </h2>
        <PasswordChoiceForm
          idPrefix="change-password"
          labels={{
            currentPassword: a.currentPassword,
            password: a.newPassword,
            passwordHint: a.newPasswordHint,
            confirmation: a.confirmation,
            submit: a.submit,
          }}
          mapProblem={changePasswordProblem}
          onSubmit={async (choice) => {
            const result = await manager.call("/api/identity/me/password", {
              method: "POST",
              body: choice,
              language,
            });
            if (!result.ok) return result.problem;
            // Every session ended on the server, this one too.
            navigate(paths.signIn, withNotice("passwordChanged", user?.email));
            manager.endLocally();
            return null;
          }}
        >
          <p className="muted">{a.changeNotice}</p>
        </PasswordChoiceForm>
      </section>
    </Page>
  );
}
