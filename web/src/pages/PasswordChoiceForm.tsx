/**
 * Choosing a password: new password and its confirmation, optionally preceded by the current
 * one (Mon compte). Used by the reset link, the invitation and Mon compte. Field names are the
 * server's: `current_password`, `password`, `password_confirmation`.
 */
import { useState, type SubmitEvent, type ReactNode } from "react";
import type { Problem } from "../api/problem";
import { checkConfirmation, checkNewPassword, checkRequired, type Check } from "../forms/checks";
import { ErrorSummary } from "../forms/ErrorSummary";
import { fieldId, TextField } from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  type FormErrors,
} from "../forms/formErrors";
import { useFields } from "../forms/useFields";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import type { Messages } from "../i18n/messages";

export const PASSWORD_FIELDS = ["current_password", "password", "password_confirmation"] as const;

export interface PasswordChoice {
  readonly current_password: string;
  readonly password: string;
  readonly password_confirmation: string;
}

interface Labels {
  readonly currentPassword?: string;
  readonly password: string;
  readonly passwordHint: string;
  readonly confirmation: string;
  readonly submit: string;
}

interface Props {
  readonly idPrefix: string;
  readonly labels: Labels;
  /** Sends the choice; answers null on success or the problem to show. */
  readonly onSubmit: (choice: PasswordChoice) => Promise<Problem | null>;
  /** Problems with a meaning of their own for this form (e.g. a wrong current password). */
  readonly mapProblem?: (problem: Problem, t: Messages) => FormErrors | null;
  readonly children?: ReactNode;
}

export function checkPasswordChoice(
  choice: PasswordChoice,
  withCurrent: boolean,
): Partial<Record<(typeof PASSWORD_FIELDS)[number], Check | null>> {
  return {
    ...(withCurrent && { current_password: checkRequired(choice.current_password) }),
    password: checkNewPassword(choice.password),
    password_confirmation: checkConfirmation(choice.password, choice.password_confirmation),
  };
}

export function PasswordChoiceForm({ idPrefix, labels, onSubmit, mapProblem, children }: Props) {
  const { t } = useI18n();
  const withCurrent = labels.currentPassword !== undefined;
  const { values, bind } = useFields({
    current_password: "",
    password: "",
    password_confirmation: "",
  });
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);

  const fieldLabels = {
    current_password: labels.currentPassword ?? "",
    password: labels.password,
    password_confirmation: labels.confirmation,
  };
  const shown = PASSWORD_FIELDS.filter((name) => withCurrent || name !== "current_password");
  const id = (name: string) => fieldId(idPrefix, name);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks(checkPasswordChoice(values, withCurrent), fieldLabels, t);
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const problem = await onSubmit(values);
    setBusy(false);
    if (problem !== null) {
      show(mapProblem?.(problem, t) ?? formErrorsFromProblem(problem, shown, t));
    }
  }

  return (
    <form noValidate className="form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <ErrorSummary
        errors={errors}
        focusKey={focusKey}
        fields={shown.map((name) => ({ name, id: id(name), label: fieldLabels[name] }))}
      />
      {children}
      {withCurrent && (
        <TextField
          id={id("current_password")}
          label={fieldLabels.current_password}
          type="password"
          autoComplete="current-password"
          width="medium"
          error={errors.fields.current_password}
          {...bind("current_password")}
        />
      )}
      <TextField
        id={id("password")}
        label={labels.password}
        hint={labels.passwordHint}
        type="password"
        autoComplete="new-password"
        width="medium"
        error={errors.fields.password}
        {...bind("password")}
      />
      <TextField
        id={id("password_confirmation")}
        label={labels.confirmation}
        type="password"
        autoComplete="new-password"
        width="medium"
        error={errors.fields.password_confirmation}
        {...bind("password_confirmation")}
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary">
          {labels.submit}
        </button>
      </div>
    </form>
  );
}
