/**
 * One invoice form (guide 4.4): the common header (beneficiary, account to reimburse,
 * decision, invoice date and number), the form's own content with the server's live total,
 * the remark and the attachments. A new invoice is sent after the confirmation dialog; a
 * correction ("Modifier ma demande") is sent with the revision it started from. What is typed
 * is kept as a local draft until it is sent.
 */
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { beneficiaryApi, type Decision } from "../api/beneficiaries";
import { companyApi, type BankAccount } from "../api/company";
import { invoiceApi, type Invoice } from "../api/invoices";
import { ErrorSummary } from "../forms/ErrorSummary";
import {
  CheckboxField,
  fieldId,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  type RadioOption,
} from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  owningField,
} from "../forms/formErrors";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import { useSessionManager } from "../session/session";
import { Attachments } from "./Attachments";
import { BeneficiaryPicker } from "./BeneficiaryPicker";
import { ConfirmSendDialog } from "./ConfirmSendDialog";
import { ContentEditor } from "./ContentEditor";
import { contentSpec } from "./contentSpecs";
import { attemptFor, clearDraft, readDraft, writeDraft, type Attempt } from "./draft";
import {
  checkContent,
  checkInvoice,
  correctionRequest,
  invoiceFields,
  invoiceLabels,
  invoiceRequest,
  type InvoiceValues,
} from "./invoiceForm";
import { QuoteView, type QuoteState } from "./QuoteView";
import "./invoices.css";

export const QUOTE_DELAY_MS = 300;
const FORM = "invoice";

export type Mode =
  | { readonly kind: "new" }
  | { readonly kind: "correction"; readonly invoiceId: string; readonly revision: number };

interface Props {
  readonly initial: InvoiceValues;
  readonly mode: Mode;
  /** Where the draft of this form is kept (see draft.ts). */
  readonly draftKey: string;
  readonly onSent: (invoice: Invoice) => void;
}

interface BeneficiaryDetails {
  readonly beneficiaryId: string;
  readonly decisions: readonly Decision[];
  readonly iban: string | null;
}

export function InvoiceForm({ initial, mode, draftKey, onSent }: Props) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const f = t.invoices.form;
  const [restored] = useState(() => readDraft(draftKey, initial.form));
  const [values, setValues] = useState<InvoiceValues>(restored?.values ?? initial);
  const attempt = useRef<Attempt | null>(restored?.attempt ?? null);
  const { errors, focusKey, show } = useFormErrors();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);
  const [uploading, setUploading] = useState(false);
  const [accounts, setAccounts] = useState<readonly BankAccount[] | null>(null);
  const [loadedDetails, setDetails] = useState<BeneficiaryDetails | null>(null);
  const [lastQuote, setQuote] = useState<QuoteState>({ status: "incomplete" });
  const submitRef = useRef<HTMLButtonElement>(null);
  const headerId = useId();
  const contentId = useId();
  const remarkId = useId();

  const spec = contentSpec(values.form);
  const fields = invoiceFields(values);
  const labels = invoiceLabels(values, t);
  const id = (name: string) => fieldId(FORM, name);

  // Every change is kept until the invoice is sent.
  useEffect(() => {
    writeDraft(draftKey, { values, attempt: attempt.current });
  }, [draftKey, values]);

  useEffect(() => {
    let current = true;
    void companyApi(session, language)
      .bankAccounts()
      .then((result) => {
        // Without company accounts (none yet, or unreadable), only the beneficiary's is left.
        if (current) setAccounts(result.ok ? result.data.items : []);
      });
    return () => {
      current = false;
    };
  }, [session, language]);

  const beneficiaryId = values.beneficiary?.id ?? null;
  const details = loadedDetails?.beneficiaryId === beneficiaryId ? loadedDetails : null;
  useEffect(() => {
    if (beneficiaryId === null) return;
    let current = true;
    void beneficiaryApi(session, language)
      .get(beneficiaryId)
      .then((result) => {
        if (current && result.ok) {
          setDetails({
            beneficiaryId,
            decisions: result.data.decisions,
            iban: result.data.bank?.iban ?? null,
          });
        }
      });
    return () => {
      current = false;
    };
  }, [session, language, beneficiaryId]);

  // Live total: once the content is complete, the server quotes it (tariffs live there).
  const quoteBody = JSON.stringify(invoiceRequest(values));
  const contentComplete = !hasErrors(formErrorsFromChecks(checkContent(values), {}, t));
  const quote: QuoteState = contentComplete ? lastQuote : { status: "incomplete" };
  useEffect(() => {
    if (!contentComplete) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setQuote((state) => ({
        status: "loading",
        last:
          state.status === "ready" ? state.quote : state.status === "loading" ? state.last : null,
      }));
      void invoiceApi(session, language)
        .quote(JSON.parse(quoteBody) as ReturnType<typeof invoiceRequest>, controller.signal)
        .then((result) => {
          if (controller.signal.aborted) return;
          if (result.ok) {
            setQuote({ status: "ready", quote: result.data });
            return;
          }
          // The server quotes a complete invoice only: say what is still missing.
          const problems = result.problem.errors;
          setQuote(
            problems.length === 0
              ? { status: "incomplete" }
              : {
                  status: "refused",
                  messages: problems.map((e) => {
                    const label = labels[owningField(e.field, fields) ?? ""];
                    return label === undefined || e.message.includes(label)
                      ? e.message
                      : t.forms.summaryItem(label, e.message);
                  }),
                },
          );
        });
    }, QUOTE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // Labels follow the values; the body is the only input that matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [quoteBody, contentComplete, session, language]);

  const set = (change: Partial<InvoiceValues>) => {
    setValues((current) => ({ ...current, ...change }));
  };

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingRef.current || uploading) return;
    const checked = formErrorsFromChecks(checkInvoice(values), labels, t);
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    if (mode.kind === "new") setConfirming(true);
    else void send();
  }

  function cancelSending() {
    setConfirming(false);
    submitRef.current?.focus();
  }

  async function send() {
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    const api = invoiceApi(session, language);
    const request = invoiceRequest(values);
    let result;
    if (mode.kind === "new") {
      attempt.current = attemptFor(request, attempt.current);
      writeDraft(draftKey, { values, attempt: attempt.current });
      result = await api.submit(request, attempt.current.key);
    } else {
      const body = correctionRequest(values, mode.revision);
      attempt.current = attemptFor(body, attempt.current);
      writeDraft(draftKey, { values, attempt: attempt.current });
      result = await api.correct(mode.invoiceId, body, attempt.current.key);
    }
    sendingRef.current = false;
    setSending(false);
    setConfirming(false);
    if (result.ok) {
      clearDraft(draftKey);
      onSent(result.data);
      return;
    }
    show(formErrorsFromProblem(result.problem, fields, t));
  }

  const payeeOptions: RadioOption<string>[] = [
    ...(accounts ?? []).map((account) => ({
      value: `company:${account.id}`,
      label: `${account.label} – ${account.iban_formatted}`,
    })),
    {
      value: "beneficiary",
      label: details?.iban != null ? f.beneficiaryAccountIban(details.iban) : f.beneficiaryAccount,
    },
  ];
  const savedDecisions = details?.decisions ?? [];
  const chosenDecision = savedDecisions.find(
    (d) => d.number.replace(/\D/g, "") === values.decisionNumber.replace(/\D/g, ""),
  );

  return (
    <form noValidate className="form form--wide" onSubmit={submit} aria-busy={sending}>
      <ErrorSummary
        errors={errors}
        focusKey={focusKey}
        fields={fields.map((name) => ({ name, id: id(name), label: labels[name] ?? name }))}
      />
      {restored !== null && <p className="notice">{f.draftRestored}</p>}

      <section className="panel" aria-labelledby={headerId}>
        <h2 id={headerId} className="panel__title">
          {f.header}
        </h2>
        <BeneficiaryPicker
          id={id("beneficiary_id")}
          value={values.beneficiary}
          onChange={(beneficiary) => {
            set({ beneficiary, decisionNumber: "", decisionDescription: "" });
          }}
          error={errors.fields.beneficiary_id}
        />
        <RadioGroup
          id={id("payee")}
          legend={f.payee}
          options={payeeOptions}
          value={values.payee}
          onChange={(payee) => {
            set({ payee });
          }}
          error={errors.fields.payee}
          {...(accounts !== null &&
            accounts.length === 0 && { hint: f.companyAccountsUnavailable })}
        />
        {savedDecisions.length > 0 && (
          <SelectField
            id={id("saved-decision")}
            label={f.savedDecisions}
            optional
            value={chosenDecision?.number ?? ""}
            placeholder={f.savedDecisionsNone}
            options={savedDecisions.map((d) => ({
              value: d.number,
              label: d.description === "" ? d.number : `${d.number} – ${d.description}`,
            }))}
            onChange={(number) => {
              const decision = savedDecisions.find((d) => d.number === number);
              set({
                decisionNumber: decision?.number ?? "",
                decisionDescription: decision?.description ?? "",
                saveDecision: false,
              });
            }}
          />
        )}
        <div className="field-row">
          <TextField
            id={id("decision.number")}
            label={f.decisionNumber}
            hint={f.decisionNumberHint}
            value={values.decisionNumber}
            onChange={(decisionNumber) => {
              set({ decisionNumber });
            }}
            error={errors.fields["decision.number"]}
            inputMode="numeric"
            width="medium"
            spellCheck={false}
          />
          <TextField
            id={id("decision.description")}
            label={f.decisionDescription}
            optional
            value={values.decisionDescription}
            onChange={(decisionDescription) => {
              set({ decisionDescription });
            }}
            error={errors.fields["decision.description"]}
          />
        </div>
        {chosenDecision === undefined && (
          <CheckboxField
            id={id("decision.save")}
            label={f.saveDecision}
            optional
            checked={values.saveDecision}
            onChange={(saveDecision) => {
              set({ saveDecision });
            }}
          />
        )}
        <div className="field-row">
          <TextField
            id={id("invoice_date")}
            label={f.invoiceDate}
            type="date"
            width="medium"
            value={values.invoiceDate}
            onChange={(invoiceDate) => {
              set({ invoiceDate });
            }}
            error={errors.fields.invoice_date}
          />
          <TextField
            id={id("invoice_number")}
            label={f.invoiceNumber}
            width="medium"
            value={values.invoiceNumber}
            onChange={(invoiceNumber) => {
              set({ invoiceNumber });
            }}
            error={errors.fields.invoice_number}
          />
        </div>
      </section>

      <section className="panel" aria-labelledby={contentId}>
        <h2 id={contentId} className="panel__title">
          {f.content}
        </h2>
        {errors.fields.content !== undefined && (
          <p className="field__error" id={`${id("content")}-error`}>
            <span className="visually-hidden">{t.forms.errorPrefix}</span> {errors.fields.content}
          </p>
        )}
        <ContentEditor
          form={FORM}
          spec={spec}
          content={values.content}
          rows={values.rows}
          errors={errors}
          onContentChange={(content) => {
            set({ content });
          }}
          onRowsChange={(rows) => {
            set({ rows });
          }}
        />
      </section>

      <QuoteView state={quote} />

      <section className="panel" aria-labelledby={remarkId}>
        <h2 id={remarkId} className="panel__title">
          {f.attachments}
        </h2>
        <Attachments
          form={FORM}
          kinds={spec.attachmentKinds}
          value={values.attachments}
          onChange={(attachments) => {
            set({ attachments });
          }}
          error={errors.fields.attachments}
          onUploading={setUploading}
        />
        <TextAreaField
          id={id("remark")}
          label={f.remark}
          optional
          value={values.remark}
          onChange={(remark) => {
            set({ remark });
          }}
          error={errors.fields.remark}
        />
      </section>

      <div className="form-actions">
        <button
          ref={submitRef}
          type="submit"
          className="button button--primary"
          disabled={uploading || sending}
        >
          {mode.kind === "new" ? f.submit : t.invoices.detail.resubmit}
        </button>
      </div>

      {confirming && (
        <ConfirmSendDialog sending={sending} onSend={() => void send()} onCancel={cancelSending} />
      )}
    </form>
  );
}
