/**
 * "Mot de passe oublié" (guide 5.1.1): the e-mail, then always the same answer, whether an
 * account exists or not.
 */
import { useEffect, useRef, useState, type SubmitEvent } from "react";
import { forgotPassword } from "../api/identity";
import { checkEmail } from "../forms/checks";
import { ErrorSummary } from "../forms/ErrorSummary";
import { fieldId, TextField } from "../forms/fields";
import { formErrorsFromChecks, formErrorsFromProblem, hasErrors } from "../forms/formErrors";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { Link } from "../router/Link";
import { paths } from "../router/paths";

const FIELDS = ["email"] as const;

export function ForgotPasswordPage() {
  const { t, language } = useI18n();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const sentRef = useRef<HTMLParagraphElement>(null);
  const emailId = fieldId("forgot-password", "email");

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks(
      { email: checkEmail(email) },
      { email: t.forgotPassword.email },
      t,
    );
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const result = await forgotPassword(email.trim(), language);
    setBusy(false);
    const { problem } = result.ok ? { problem: null } : result;
    // Only what says nothing about the account stops here: unreachable, rate-limited, or an
    // address the server cannot read. Anything else gets the one answer.
    if (
      problem !== null &&
      (problem.status === 0 || problem.status === 429 || problem.status === 422)
    ) {
      show(formErrorsFromProblem(problem, FIELDS, t));
      return;
    }
    setSent(true);
  }

  return (
    <Page title={t.forgotPassword.title}>
      <div className="panel panel--narrow">
        {sent ? (
          <p ref={sentRef} tabIndex={-1} className="notice notice--success">
            {t.forgotPassword.sent}
          </p>
        ) : (
          <form noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
            <ErrorSummary
              errors={errors}
              focusKey={focusKey}
              fields={[{ name: "email", id: emailId, label: t.forgotPassword.email }]}
            />
            <p>{t.forgotPassword.intro}</p>
            <TextField
              id={emailId}
              label={t.forgotPassword.email}
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
              error={errors.fields.email}
              value={email}
              onChange={setEmail}
            />
            <div className="form-actions">
              <button type="submit" className="button button--primary">
                {t.forgotPassword.submit}
              </button>
            </div>
          </form>
        )}
        <p>
          <Link to={paths.signIn}>{t.forgotPassword.toSignIn}</Link>
        </p>
      </div>
    </Page>
  );
}
