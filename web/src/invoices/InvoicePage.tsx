/**
 * One invoice (`/factures/:id`): its status, the PDF copy, the amounts and the history with
 * the office's messages. When the office asked for a correction, the same form pre-filled
 * with the current version under the office's message, sent with "Modifier ma demande".
 * The correction e-mail links here.
 */
import { Fragment, useEffect, useId, useState } from "react";
import { invoiceApi, type Invoice } from "../api/invoices";
import type { Problem } from "../api/problem";
import { Notice, type NoticeState } from "../components/Notice";
import { problemMessage } from "../forms/formErrors";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { BackHomeLink } from "../pages/BackHomeLink";
import { sessionUser, useSession, useSessionManager } from "../session/session";
import { draftKey } from "./draft";
import { formatDate } from "./format";
import { InvoiceForm } from "./InvoiceForm";
import { valuesOf } from "./invoiceForm";
import { invoiceTypeOfForm } from "./invoiceTypes";
import { PdfButton } from "./PdfButton";
import { QuoteView } from "./QuoteView";
import "./invoices.css";

type State =
  | { readonly status: "loading" }
  | { readonly status: "loaded"; readonly invoice: Invoice }
  | { readonly status: "failed"; readonly problem: Problem };

/** The office's message behind the current "À corriger". */
function correctionMessage(invoice: Invoice): string | null {
  if (invoice.correction_message) return invoice.correction_message;
  const last = [...invoice.history]
    .reverse()
    .find((entry) => entry.status === "correction_requested");
  return last?.message ?? null;
}

function Details({ invoice }: { readonly invoice: Invoice }) {
  const { t } = useI18n();
  const d = t.invoices.detail;
  const type = invoiceTypeOfForm(invoice.form);
  const b = invoice.beneficiary;
  const rows: [string, string][] = [
    [d.status, t.invoices.statuses[invoice.status]],
    [d.form, `${type === undefined ? "" : `${t.invoiceTypes[type.id]} – `}${invoice.form}`],
    [d.beneficiary, `${b.last_name} ${b.first_name} ${b.avs}`],
    [d.submittedBy, invoice.submitted_by.name],
    [d.submittedAt, formatDate(invoice.submitted_at)],
    [d.invoiceDate, formatDate(invoice.invoice_date)],
    [d.decision, invoice.decision.number],
    [d.version, String(invoice.version)],
  ];
  return (
    <dl className="details">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function History({ invoice }: { readonly invoice: Invoice }) {
  const { t } = useI18n();
  const d = t.invoices.detail;
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel__title">
        {d.history}
      </h2>
      <ol className="history">
        {invoice.history.map((entry, index) => (
          <li key={index}>
            <span className="nowrap">{formatDate(entry.at)}</span>{" "}
            {d.historyEntry(t.invoices.statuses[entry.status], entry.by ?? "")}
            {entry.message !== null && entry.message !== "" && (
              <blockquote className="history__message">{entry.message}</blockquote>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function InvoicePage({ invoiceId }: { readonly invoiceId: string }) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const user = sessionUser(useSession());
  const d = t.invoices.detail;
  const [state, setState] = useState<State>({ status: "loading" });
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const messageId = useId();

  useEffect(() => {
    let current = true;
    void invoiceApi(session, language)
      .get(invoiceId)
      .then((result) => {
        if (!current) return;
        setState(
          result.ok
            ? { status: "loaded", invoice: result.data }
            : { status: "failed", problem: result.problem },
        );
      });
    return () => {
      current = false;
    };
    // The language of messages does not warrant reloading what is being corrected.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, invoiceId]);

  const invoice = state.status === "loaded" ? state.invoice : null;
  const message = invoice === null ? null : correctionMessage(invoice);
  return (
    <Page title={invoice === null ? t.counter.title : d.title(invoice.reference)}>
      <BackHomeLink />
      {notice !== null && <Notice notice={notice} />}
      {state.status === "loading" && (
        <p role="status" className="loading">
          {d.loading}
        </p>
      )}
      {state.status === "failed" && (
        <div className="notice notice--error" role="alert">
          <p>{state.problem.status === 404 ? d.notFound : problemMessage(state.problem, t)}</p>
        </div>
      )}
      {invoice !== null && (
        <>
          <Details invoice={invoice} />
          <p>
            <PdfButton invoiceId={invoice.id} reference={invoice.reference} />
          </p>
          {invoice.status === "correction_requested" && user !== null ? (
            <>
              <section className="notice notice--error" aria-labelledby={messageId}>
                <h2 id={messageId} className="panel__title">
                  {d.officeMessage}
                </h2>
                {message !== null && <p className="office-message">{message}</p>}
                <p>{d.correctionIntro}</p>
              </section>
              <InvoiceForm
                key={invoice.revision}
                initial={valuesOf(invoice)}
                mode={{ kind: "correction", invoiceId: invoice.id, revision: invoice.revision }}
                draftKey={draftKey(
                  user.accountId,
                  user.companyId,
                  `correction.${invoice.id}.${String(invoice.revision)}`,
                )}
                onSent={(corrected) => {
                  setState({ status: "loaded", invoice: corrected });
                  setNotice({ kind: "success", text: d.corrected });
                }}
              />
            </>
          ) : (
            <QuoteView state={{ status: "ready", quote: invoice }} />
          )}
          <History invoice={invoice} />
        </>
      )}
    </Page>
  );
}
