/**
 * Second step of signing in: the 6-digit code received by SMS ("Confirmation via SMS").
 * "J'ai besoin d'un nouveau code d'accès" opens when the server allows a new send (60 s after
 * the last one), with a visible countdown; its refusals (too soon, too many) are explained.
 */
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { resendCode, verifyCode, type TokenAnswer } from "../api/identity";
import type { Problem } from "../api/problem";
import { checkCode, normaliseCode } from "../forms/checks";
import { ErrorSummary } from "../forms/ErrorSummary";
import { fieldId, TextField } from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  problemMessage,
  type FormErrors,
} from "../forms/formErrors";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import type { Messages } from "../i18n/messages";
import { formatDuration, useCountdown } from "./countdown";
import { resendTime, type IssuedChallenge } from "./CredentialsStep";

interface Props {
  readonly idPrefix: string;
  readonly issued: IssuedChallenge;
  /** The code was right: the tokens (and the answer's Date header) are the caller's. */
  readonly onVerified: (tokens: TokenAnswer, dateHeader: string | null) => Promise<void>;
  /** The attempt is void (expired, used, too many wrong codes): start again. */
  readonly onVoid: () => void;
  /** Back to e-mail and password. */
  readonly onRestart: () => void;
}

const FIELDS = ["code"] as const;

export function codeProblemErrors(problem: Problem, t: Messages): FormErrors {
  if (problem.code === "invalid_code") {
    const left =
      problem.attemptsLeft === undefined ? "" : ` ${t.signIn.attemptsLeft(problem.attemptsLeft)}`;
    return { fields: { code: `${t.signIn.invalidCode}${left}` }, general: [] };
  }
  return formErrorsFromProblem(problem, FIELDS, t);
}

export function CodeStep({ idPrefix, issued, onVerified, onVoid, onRestart }: Props) {
  const { t, language } = useI18n();
  const [code, setCode] = useState("");
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const countdown = useCountdown(issued.resendAt);
  // Shown while the countdown runs (a new code was sent; too soon; too many) …
  const [resendNote, setResendNote] = useState<string | null>(null);
  // … or after it (the resend failed for another reason).
  const [resendError, setResendError] = useState<string | null>(null);
  const [resendExhausted, setResendExhausted] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const introId = useId();
  const resendStatusId = useId();
  const codeId = fieldId(idPrefix, "code");

  // The user has just asked for a code: their next move is to type it.
  useEffect(() => {
    codeRef.current?.focus();
  }, []);

  const waiting = countdown.secondsLeft > 0;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks({ code: checkCode(code) }, { code: t.signIn.code }, t);
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const result = await verifyCode(issued.challenge.challenge_id, normaliseCode(code), language);
    if (result.ok) {
      await onVerified(result.data, result.headers.get("date"));
      setBusy(false);
      return;
    }
    setBusy(false);
    if (result.problem.code === "challenge_void" || result.problem.status === 410) {
      onVoid();
      return;
    }
    show(codeProblemErrors(result.problem, t));
  }

  async function resend() {
    if (waiting || busy || resendExhausted) return;
    setResendNote(null);
    setResendError(null);
    const result = await resendCode(issued.challenge.challenge_id, language);
    if (result.ok) {
      countdown.restart(resendTime(result.data.resend_available_at, result.headers.get("date")));
      setCode("");
      setResendNote(t.signIn.resent);
      codeRef.current?.focus();
      return;
    }
    const { problem } = result;
    if (problem.code === "challenge_void" || problem.status === 410) {
      onVoid();
      return;
    }
    if (problem.code === "resend_limit" && problem.retryAfter === undefined) {
      // No more codes for this attempt: only a new login gets one.
      setResendExhausted(true);
      return;
    }
    if (problem.status === 429) {
      const wait = problem.retryAfter ?? 60;
      countdown.restart(Date.now() + wait * 1000);
      if (problem.code === "resend_limit") {
        setResendNote(t.signIn.resendLimit(formatDuration(Math.ceil(wait), t)));
      } else if (problem.code === "rate_limited") {
        setResendNote(t.problems.rateLimited);
      }
      return;
    }
    setResendError(problemMessage(problem, t));
  }

  // Announced politely: the outcome of a resend, then that a new code may be asked for.
  const status = resendExhausted
    ? t.signIn.resendLimitRestart
    : waiting
      ? (resendNote ?? "")
      : (resendError ?? t.signIn.resendAvailable);

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <ErrorSummary
        errors={errors}
        focusKey={focusKey}
        fields={[{ name: "code", id: codeId, label: t.signIn.code }]}
      />
      <div id={introId}>
        <p>{t.signIn.codeIntro}</p>
        <p className="muted">{t.signIn.codeSentTo(issued.challenge.mobile_hint)}</p>
      </div>
      <TextField
        id={codeId}
        inputRef={codeRef}
        label={t.signIn.code}
        hint={t.signIn.codeHint}
        autoComplete="one-time-code"
        inputMode="numeric"
        spellCheck={false}
        width="narrow"
        error={errors.fields.code}
        value={code}
        onChange={setCode}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          {t.signIn.codeSubmit}
        </button>
      </div>
      <div className="resend">
        <button
          type="button"
          className="link-button"
          disabled={waiting || resendExhausted}
          aria-describedby={resendStatusId}
          onClick={() => void resend()}
        >
          {t.signIn.resend}
        </button>
        {waiting && (
          <span className="resend__countdown muted">
            {t.signIn.resendIn(formatDuration(countdown.secondsLeft, t))}
          </span>
        )}
        <p id={resendStatusId} role="status" className="resend__status">
          {status}
        </p>
      </div>
      <p>
        <button type="button" className="link-button" onClick={onRestart}>
          {t.signIn.otherAccount}
        </button>
      </p>
    </form>
  );
}
