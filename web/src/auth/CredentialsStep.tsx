/** First step of signing in: e-mail and password ("Connexion" in the office's guide). */
import { useState, type SubmitEvent } from "react";
import { login, type LoginChallenge } from "../api/identity";
import type { Problem } from "../api/problem";
import { checkEmail, checkRequired } from "../forms/checks";
import { ErrorSummary } from "../forms/ErrorSummary";
import { fieldId, TextField } from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  noErrors,
  type FormErrors,
} from "../forms/formErrors";
import { useFields } from "../forms/useFields";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import type { Messages } from "../i18n/messages";
import { Link } from "../router/Link";
import { paths } from "../router/paths";
import { delayUntilServerTime, formatDuration } from "./countdown";

/** The seed's rule, used only if the server's answer does not say. */
const RESEND_DELAY_FALLBACK_MS = 60_000;

export interface IssuedChallenge {
  readonly email: string;
  readonly challenge: LoginChallenge;
  /** When a new code may be asked for (`Date.now()` time). */
  readonly resendAt: number;
}

interface Props {
  readonly idPrefix: string;
  readonly initialEmail: string;
  /** An error to show on arrival (e.g. the previous code became void). */
  readonly initialError?: string | undefined;
  readonly onChallenge: (issued: IssuedChallenge) => void;
}

const FIELDS = ["email", "password"] as const;

/** When "J'ai besoin d'un nouveau code d'accès" opens, on this computer's clock. */
export function resendTime(availableAt: string | undefined, dateHeader: string | null): number {
  const now = Date.now();
  return now + (delayUntilServerTime(availableAt, dateHeader, now) ?? RESEND_DELAY_FALLBACK_MS);
}

/** What the server's refusal of a login means for the user. */
export function loginProblemErrors(problem: Problem, t: Messages): FormErrors {
  switch (problem.code) {
    case "invalid_credentials":
      return { fields: {}, general: [t.signIn.invalidCredentials] };
    // The account's lockout, and the gateway's limit per address: the same advice.
    case "locked":
    case "rate_limited":
      return { fields: {}, general: [t.signIn.locked] };
    case "account_pending":
      return { fields: {}, general: [t.signIn.pending] };
    case "account_refused":
      return { fields: {}, general: [t.signIn.refused] };
    case "account_disabled":
      return { fields: {}, general: [t.signIn.disabled] };
    // The account already received 10 codes this hour.
    case "resend_limit":
      return {
        fields: {},
        general: [
          problem.retryAfter === undefined
            ? (problem.message ?? t.problems.generic)
            : t.signIn.tooManyCodes(formatDuration(Math.ceil(problem.retryAfter), t)),
        ],
      };
    default:
      return formErrorsFromProblem(problem, FIELDS, t);
  }
}

export function CredentialsStep({ idPrefix, initialEmail, initialError, onChallenge }: Props) {
  const { t, language } = useI18n();
  const { values, bind } = useFields({ email: initialEmail, password: "" });
  const { errors, focusKey, show } = useFormErrors(
    initialError === undefined ? noErrors : { fields: {}, general: [initialError] },
  );
  const [busy, setBusy] = useState(false);

  const id = (name: string) => fieldId(idPrefix, name);
  const labels = { email: t.signIn.email, password: t.signIn.password };

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks(
      { email: checkEmail(values.email), password: checkRequired(values.password) },
      labels,
      t,
    );
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const email = values.email.trim();
    const result = await login(email, values.password, language);
    setBusy(false);
    if (!result.ok) {
      show(loginProblemErrors(result.problem, t));
      return;
    }
    onChallenge({
      email,
      challenge: result.data,
      resendAt: resendTime(result.data.resend_available_at, result.headers.get("date")),
    });
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <ErrorSummary
        errors={errors}
        focusKey={focusKey}
        fields={FIELDS.map((name) => ({ name, id: id(name), label: labels[name] }))}
      />
      <TextField
        id={id("email")}
        label={t.signIn.email}
        type="email"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="none"
        error={errors.fields.email}
        {...bind("email")}
      />
      <TextField
        id={id("password")}
        label={t.signIn.password}
        type="password"
        autoComplete="current-password"
        error={errors.fields.password}
        {...bind("password")}
      />
      <div className="form-actions">
        <Link to={paths.forgotPassword} className="form-actions__link">
          {t.signIn.forgot}
        </Link>
        <button type="submit" className="button button--primary">
          {t.signIn.submit}
        </button>
      </div>
    </form>
  );
}
