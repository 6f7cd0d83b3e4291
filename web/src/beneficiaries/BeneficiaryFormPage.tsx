/**
 * "Ajouter un bénéficiaire" / editing one (guide 4.3.1): four sections — personal information
 * with the legal representative, decisions (rows added and removed), bank details, and the
 * power of attorney, uploaded through documents as soon as it is chosen. Errors are shown
 * under their field and listed in the summary, which takes the focus.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type SubmitEvent } from "react";
import { beneficiaryApi, type Beneficiary } from "../api/beneficiaries";
import type { Problem } from "../api/problem";
import { DocumentIcon } from "../components/icons";
import { ErrorSummary } from "../forms/ErrorSummary";
import { CheckboxField, fieldId, TextField } from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  problemMessage,
  type FormErrors,
} from "../forms/formErrors";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { Link } from "../router/Link";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { useSessionManager } from "../session/session";
import {
  beneficiaryFields,
  beneficiaryLabels,
  beneficiaryRequest,
  checkBeneficiary,
  emptyBeneficiary,
  valuesOf,
  type BeneficiaryValues,
  type DecisionRow,
  type TextFieldName,
} from "./beneficiaryForm";

const FORM = "beneficiary";
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const FILE_TYPES = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";

/** What the list page shows after a save (carried in the history entry). */
export interface SavedState {
  readonly saved: string;
}

interface FormProps {
  readonly beneficiary?: Beneficiary;
}

export function BeneficiaryForm({ beneficiary }: FormProps) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const f = t.beneficiaries.form;
  const [values, setValues] = useState<BeneficiaryValues>(
    beneficiary === undefined ? emptyBeneficiary : valuesOf(beneficiary),
  );
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const nextKey = useRef(values.decisions.length + 1);
  const decisionFocus = useRef<string | null>(null);
  const personalId = useId();
  const decisionsId = useId();
  const bankId = useId();
  const attorneyId = useId();

  const api = beneficiaryApi(session, language);
  const fields = beneficiaryFields(values);
  const labels = beneficiaryLabels(values, t);
  const id = (name: string) => fieldId(FORM, name);

  // After a row is added or removed, the focus goes to the new row or to the add button.
  useEffect(() => {
    if (decisionFocus.current === null) return;
    document.getElementById(decisionFocus.current)?.focus();
    decisionFocus.current = null;
  }, [values.decisions.length]);

  const setText = (name: TextFieldName, value: string) => {
    setValues((current) => ({ ...current, text: { ...current.text, [name]: value } }));
  };
  const text = (name: TextFieldName) => ({
    id: id(name),
    label: labels[name] ?? name,
    error: errors.fields[name],
    value: values.text[name],
    onChange: (value: string) => {
      setText(name, value);
    },
  });
  const setDecision = (key: number, change: Partial<DecisionRow>) => {
    setValues((current) => ({
      ...current,
      decisions: current.decisions.map((d) => (d.key === key ? { ...d, ...change } : d)),
    }));
  };

  function addDecision() {
    const key = nextKey.current;
    nextKey.current += 1;
    decisionFocus.current = id(`decisions[${String(values.decisions.length)}].number`);
    setValues((current) => ({
      ...current,
      decisions: [...current.decisions, { key, number: "", description: "" }],
    }));
  }

  function removeDecision(key: number) {
    decisionFocus.current = id("decisions");
    setValues((current) => ({
      ...current,
      decisions: current.decisions.filter((d) => d.key !== key),
    }));
  }

  /** Shows an error under the file field (and in the summary), keeping the others. */
  function fileError(message: string) {
    const next: FormErrors = {
      fields: { ...errors.fields, power_of_attorney_document_id: message },
      general: [],
    };
    show(next);
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (file === undefined) return;
    if (file.size > MAX_FILE_BYTES) {
      fileError(f.fileTooLarge);
      input.value = "";
      return;
    }
    setUploading(true);
    const result = await api.uploadPowerOfAttorney(file);
    setUploading(false);
    input.value = "";
    if (result.ok) {
      setValues((current) => ({
        ...current,
        document: { id: result.data.id, name: result.data.filename },
      }));
      const others = Object.entries(errors.fields).filter(
        ([name]) => name !== "power_of_attorney_document_id",
      );
      show({ fields: Object.fromEntries(others), general: [] });
      return;
    }
    fileError(uploadProblemMessage(result.problem));
  }

  function uploadProblemMessage(problem: Problem): string {
    if (problem.status === 413) return f.fileTooLarge;
    const first = problem.errors.find((e) => e.message.trim() !== "");
    return first?.message ?? problemMessage(problem, t);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || uploading) return;
    const checked = formErrorsFromChecks(checkBeneficiary(values), labels, t);
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const request = beneficiaryRequest(values);
    const result =
      beneficiary === undefined
        ? await api.create(request)
        : await api.update(beneficiary.id, request);
    setBusy(false);
    if (result.ok) {
      const state: SavedState = { saved: `${result.data.last_name} ${result.data.first_name}` };
      navigate(paths.beneficiaries, { state });
      return;
    }
    show(formErrorsFromProblem(result.problem, fields, t));
  }

  const fileFieldId = id("power_of_attorney_document_id");
  const fileErrorText = errors.fields.power_of_attorney_document_id;

  return (
    <form
      noValidate
      className="form form--wide"
      onSubmit={(event) => void submit(event)}
      aria-busy={busy}
    >
      <ErrorSummary
        errors={errors}
        focusKey={focusKey}
        fields={fields.map((name) => ({ name, id: id(name), label: labels[name] ?? name }))}
      />

      <section className="panel" aria-labelledby={personalId}>
        <h2 id={personalId} className="panel__title">
          {f.personal}
        </h2>
        <div className="field-row">
          <TextField {...text("last_name")} autoComplete="off" />
          <TextField {...text("first_name")} autoComplete="off" />
        </div>
        <TextField {...text("birth_date")} type="date" width="medium" />
        <TextField {...text("address.street")} autoComplete="off" />
        <div className="field-row">
          <TextField {...text("address.postcode")} inputMode="numeric" width="narrow" />
          <TextField {...text("address.locality")} />
        </div>
        <TextField
          {...text("avs")}
          hint={f.avsHint}
          inputMode="numeric"
          width="medium"
          spellCheck={false}
        />
        <CheckboxField
          id={id("representative")}
          label={f.hasRepresentative}
          optional
          checked={values.hasRepresentative}
          onChange={(checked) => {
            setValues((current) => ({ ...current, hasRepresentative: checked }));
          }}
          error={errors.fields.representative}
        />
        {values.hasRepresentative && (
          <fieldset className="fieldset subsection">
            <legend className="field__label">{f.representative}</legend>
            <TextField {...text("representative.name")} />
            <TextField {...text("representative.address.street")} />
            <div className="field-row">
              <TextField
                {...text("representative.address.postcode")}
                inputMode="numeric"
                width="narrow"
              />
              <TextField {...text("representative.address.locality")} />
            </div>
            <TextField
              {...text("representative.relationship")}
              hint={f.relationshipHint}
              width="medium"
            />
          </fieldset>
        )}
      </section>

      <section className="panel" aria-labelledby={decisionsId}>
        <h2 id={decisionsId} className="panel__title">
          {f.decisions}
        </h2>
        <p className="muted">{f.decisionsIntro}</p>
        {values.decisions.length === 0 && <p className="panel__empty">{f.noDecision}</p>}
        {values.decisions.map((decision, index) => {
          const number = `decisions[${String(index)}].number`;
          const description = `decisions[${String(index)}].description`;
          return (
            <div key={decision.key} className="decision-row">
              <TextField
                id={id(number)}
                label={labels[number] ?? number}
                hint={f.decisionNumberHint}
                value={decision.number}
                onChange={(value) => {
                  setDecision(decision.key, { number: value });
                }}
                error={errors.fields[number]}
                inputMode="numeric"
                width="medium"
                spellCheck={false}
              />
              <TextField
                id={id(description)}
                label={labels[description] ?? description}
                value={decision.description}
                onChange={(value) => {
                  setDecision(decision.key, { description: value });
                }}
                error={errors.fields[description]}
              />
              <button
                type="button"
                className="button button--secondary decision-row__remove"
                onClick={() => {
                  removeDecision(decision.key);
                }}
              >
                {f.removeDecision(index + 1)}
              </button>
            </div>
          );
        })}
        {errors.fields.decisions !== undefined && (
          <p id={`${id("decisions")}-error`} className="field__error">
            <span className="visually-hidden">{t.forms.errorPrefix}</span> {errors.fields.decisions}
          </p>
        )}
        <button
          id={id("decisions")}
          type="button"
          className="button button--secondary"
          onClick={addDecision}
        >
          <span aria-hidden="true">+ </span>
          {f.addDecision}
        </button>
      </section>

      <section className="panel" aria-labelledby={bankId}>
        <h2 id={bankId} className="panel__title">
          {f.bank}
        </h2>
        <p className="muted">{f.bankIntro}</p>
        <TextField {...text("bank.iban")} hint={f.ibanHint} optional spellCheck={false} />
        <TextField {...text("bank.holder")} hint={f.holderHint} optional />
        <TextField {...text("bank.reference")} hint={f.referenceHint} optional spellCheck={false} />
      </section>

      <section className="panel" aria-labelledby={attorneyId}>
        <h2 id={attorneyId} className="panel__title">
          {f.powerOfAttorney}
        </h2>
        <p className="muted">{f.powerOfAttorneyIntro}</p>
        {values.document !== null && (
          <div className="attachment" role="status">
            <DocumentIcon />
            <span>
              {values.document.name === null ? f.onFile : f.uploaded(values.document.name)}
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setValues((current) => ({ ...current, document: null }));
              }}
            >
              {f.removeFile}
            </button>
          </div>
        )}
        <div className={`field${fileErrorText !== undefined ? " field--error" : ""}`}>
          <label htmlFor={fileFieldId} className="field__label">
            {f.file}
            <span className="field__optional"> {t.forms.optional}</span>
          </label>
          <p id={`${fileFieldId}-hint`} className="field__hint">
            {f.fileHint}
          </p>
          <input
            id={fileFieldId}
            name={fileFieldId}
            type="file"
            accept={FILE_TYPES}
            className="field__file"
            onChange={(event) => void upload(event)}
            disabled={uploading}
            aria-invalid={fileErrorText !== undefined || undefined}
            aria-describedby={`${fileFieldId}-hint${fileErrorText !== undefined ? ` ${fileFieldId}-error` : ""}`}
          />
          {uploading && (
            <p role="status" className="field__hint">
              {f.uploading}
            </p>
          )}
          {fileErrorText !== undefined && (
            <p id={`${fileFieldId}-error`} className="field__error">
              <span className="visually-hidden">{t.forms.errorPrefix}</span> {fileErrorText}
            </p>
          )}
        </div>
      </section>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={uploading}>
          {f.save}
        </button>
        <Link to={paths.beneficiaries} className="form-actions__link">
          {f.cancel}
        </Link>
      </div>
    </form>
  );
}

export function NewBeneficiaryPage() {
  const { t } = useI18n();
  return (
    <Page title={t.beneficiaries.form.newTitle}>
      <BackToListLink />
      <BeneficiaryForm />
    </Page>
  );
}

function BackToListLink() {
  const { t } = useI18n();
  return (
    <p>
      <Link to={paths.beneficiaries} className="back-link">
        <span aria-hidden="true">← </span>
        {t.beneficiaries.form.backToList}
      </Link>
    </p>
  );
}

export function EditBeneficiaryPage({ beneficiaryId }: { readonly beneficiaryId: string }) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const [state, setState] = useState<
    | { readonly status: "loading" }
    | { readonly status: "loaded"; readonly beneficiary: Beneficiary }
    | { readonly status: "failed"; readonly problem: Problem }
  >({ status: "loading" });

  useEffect(() => {
    let current = true;
    void beneficiaryApi(session, language)
      .get(beneficiaryId)
      .then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { status: "loaded", beneficiary: result.data }
            : { status: "failed", problem: result.problem },
        );
      });
    return () => {
      current = false;
    };
    // The language of messages does not warrant reloading what is being edited.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, beneficiaryId]);

  const f = t.beneficiaries.form;
  const title =
    state.status === "loaded"
      ? f.editTitle(`${state.beneficiary.last_name} ${state.beneficiary.first_name}`)
      : t.beneficiaries.title;
  return (
    <Page title={title}>
      <BackToListLink />
      {state.status === "loading" && (
        <p role="status" className="loading">
          {t.session.loading}
        </p>
      )}
      {state.status === "failed" && (
        <div className="notice notice--error" role="alert">
          <p>{state.problem.status === 404 ? f.notFound : problemMessage(state.problem, t)}</p>
        </div>
      )}
      {state.status === "loaded" && <BeneficiaryForm beneficiary={state.beneficiary} />}
    </Page>
  );
}
