/**
 * "Inscription" (guide 2.1): "Je veux utiliser la plateforme en tant que" → "Organisme /
 * entreprise", then the company and its manager, the terms, "S'inscrire". Every error is shown
 * under its field and listed at the top.
 */
import { useId, useState, type SubmitEvent } from "react";
import { register } from "../../api/organisation";
import { ErrorSummary, type SummaryField } from "../../forms/ErrorSummary";
import { CheckboxField, fieldId, RadioGroup, TextField } from "../../forms/fields";
import { formErrorsFromChecks, formErrorsFromProblem, hasErrors } from "../../forms/formErrors";
import { useFields } from "../../forms/useFields";
import { useFormErrors } from "../../forms/useFormErrors";
import { LANGUAGE_AUTONYMS, LANGUAGES, type Language } from "../../i18n/language";
import { useI18n } from "../../i18n/useI18n";
import { Page } from "../../layout/Page";
import { Link } from "../../router/Link";
import { navigate } from "../../router/location";
import { paths } from "../../router/paths";
import {
  checkRegistration,
  emptyRegistration,
  REGISTRATION_FIELDS,
  registrationRequest,
  type RegistrationField,
} from "./registrationForm";

const FORM = "registration";
const GLN_REQUEST_URL =
  "https://www.refdata.ch/fr/partenaires/inscription/base-de-donnees-des-partenaires-professionnels-gln";

export function RegistrationPage() {
  const { t, language } = useI18n();
  const [accountType, setAccountType] = useState<"institution" | "">("");
  const { values, bind } = useFields(emptyRegistration);
  const [correspondence, setCorrespondence] = useState<Language>(language);
  const [termsAccepted, setTermsAccepted] = useState(false);
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const companyId = useId();
  const managerId = useId();

  const r = t.registration;
  const labels: Record<RegistrationField, string> = {
    account_type: r.accountType,
    "company.name": r.companyName,
    "company.gln": r.gln,
    "company.uid": r.uid,
    "company.street": r.street,
    "company.postcode": r.postcode,
    "company.locality": r.locality,
    "company.phone": r.phone,
    "manager.first_name": r.firstName,
    "manager.last_name": r.lastName,
    "manager.email": r.email,
    "manager.password": r.password,
    "manager.password_confirmation": r.passwordConfirmation,
    "manager.mobile": r.mobile,
    "manager.language": r.language,
    terms_accepted: r.termsLegend,
  };
  const id = (name: RegistrationField) => fieldId(FORM, name);
  const summaryFields: SummaryField[] = REGISTRATION_FIELDS.map((name) => ({
    name,
    id: id(name),
    label: labels[name],
  }));
  const error = (name: RegistrationField) => errors.fields[name];
  const text = (name: RegistrationField & keyof typeof values) => ({
    id: id(name),
    label: labels[name],
    error: error(name),
    ...bind(name),
  });

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks(checkRegistration(values, termsAccepted), labels, t);
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const result = await register(
      registrationRequest(values, correspondence, termsAccepted),
      language,
    );
    setBusy(false);
    if (result.ok) {
      navigate(paths.registrationSent);
      return;
    }
    show(formErrorsFromProblem(result.problem, REGISTRATION_FIELDS, t));
  }

  return (
    <Page title={r.title}>
      <p className="page__intro">
        {r.intro}{" "}
        <a href={GLN_REQUEST_URL} rel="noopener noreferrer" target="_blank">
          {r.glnLink}
        </a>
      </p>
      <form
        noValidate
        className="form form--wide"
        onSubmit={(event) => void submit(event)}
        aria-busy={busy}
      >
        <ErrorSummary errors={errors} focusKey={focusKey} fields={summaryFields} />

        <div className="panel">
          <RadioGroup
            id={id("account_type")}
            legend={r.accountType}
            legendClassName="panel__title"
            options={[{ value: "institution", label: r.institution }]}
            value={accountType}
            onChange={setAccountType}
            error={error("account_type")}
          />
        </div>

        {accountType === "institution" && (
          <>
            <section className="panel" aria-labelledby={companyId}>
              <h2 id={companyId} className="panel__title">
                {r.company}
              </h2>
              <TextField {...text("company.name")} autoComplete="organization" />
              <TextField
                {...text("company.gln")}
                hint={r.glnHint}
                inputMode="numeric"
                width="medium"
                spellCheck={false}
              />
              <TextField
                {...text("company.uid")}
                hint={r.uidHint}
                optional
                width="medium"
                spellCheck={false}
              />
              <TextField {...text("company.street")} autoComplete="street-address" />
              <div className="field-row">
                <TextField
                  {...text("company.postcode")}
                  autoComplete="postal-code"
                  inputMode="numeric"
                  width="narrow"
                />
                <TextField {...text("company.locality")} autoComplete="address-level2" />
              </div>
              <TextField
                {...text("company.phone")}
                hint={r.phoneHint}
                type="tel"
                autoComplete="tel"
                width="medium"
              />
            </section>

            <section className="panel" aria-labelledby={managerId}>
              <h2 id={managerId} className="panel__title">
                {r.manager}
              </h2>
              <p className="muted">{r.managerIntro}</p>
              <div className="field-row">
                <TextField {...text("manager.first_name")} autoComplete="given-name" />
                <TextField {...text("manager.last_name")} autoComplete="family-name" />
              </div>
              <TextField
                {...text("manager.email")}
                type="email"
                autoComplete="email"
                spellCheck={false}
                autoCapitalize="none"
              />
              <TextField
                {...text("manager.password")}
                hint={r.passwordHint}
                type="password"
                autoComplete="new-password"
                width="medium"
              />
              <TextField
                {...text("manager.password_confirmation")}
                type="password"
                autoComplete="new-password"
                width="medium"
              />
              <TextField
                {...text("manager.mobile")}
                hint={r.mobileHint}
                type="tel"
                autoComplete="tel"
                width="medium"
              />
              <RadioGroup
                id={id("manager.language")}
                legend={r.language}
                inline
                options={LANGUAGES.map((value) => ({
                  value,
                  label: LANGUAGE_AUTONYMS[value],
                  lang: value,
                }))}
                value={correspondence}
                onChange={setCorrespondence}
                error={error("manager.language")}
              />
            </section>

            <div className="panel">
              <CheckboxField
                id={id("terms_accepted")}
                label={r.terms}
                checked={termsAccepted}
                onChange={setTermsAccepted}
                error={error("terms_accepted")}
              />
              <div className="form-actions">
                <button type="submit" className="button button--primary">
                  {r.submit}
                </button>
              </div>
            </div>
          </>
        )}
      </form>
      <p>
        {r.alreadyRegistered} <Link to={paths.signIn}>{t.signIn.submit}</Link>
      </p>
    </Page>
  );
}
