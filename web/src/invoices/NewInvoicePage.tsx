/**
 * "+ Nouvelle facture" → one type's form (`/factures/nouvelle/:type`). Once sent: the success
 * message with the PDF copy of the request.
 */
import { useId, useState } from "react";
import type { Invoice } from "../api/invoices";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { BackHomeLink } from "../pages/BackHomeLink";
import { NotFoundPage } from "../pages/NotFoundPage";
import { sessionUser, useSession } from "../session/session";
import { draftKey } from "./draft";
import { InvoiceForm } from "./InvoiceForm";
import { emptyInvoice } from "./invoiceForm";
import { findInvoiceType } from "./invoiceTypes";
import { PdfButton } from "./PdfButton";

interface Props {
  readonly typeId: string;
}

interface SentProps {
  readonly invoice: Invoice;
  readonly onAnother: () => void;
}

function Sent({ invoice, onAnother }: SentProps) {
  const { t } = useI18n();
  const f = t.invoices.form;
  const titleId = useId();
  return (
    <section className="notice notice--success" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel__title" tabIndex={-1} ref={(node) => node?.focus()}>
        {f.sentTitle}
      </h2>
      <p>{f.sentText(invoice.reference)}</p>
      <p className="form-actions">
        <PdfButton invoiceId={invoice.id} reference={invoice.reference} version={invoice.version} />
        <button type="button" className="link-button" onClick={onAnother}>
          {f.anotherInvoice}
        </button>
      </p>
    </section>
  );
}

export function NewInvoicePage({ typeId }: Props) {
  const { t } = useI18n();
  const user = sessionUser(useSession());
  const [sent, setSent] = useState<Invoice | null>(null);
  const type = findInvoiceType(typeId);
  // RequireSession lets this page render only with a user (signed in, or expired on it).
  if (type === undefined || user === null) return <NotFoundPage />;

  return (
    <Page title={t.invoiceTypes[type.id]}>
      <p className="page__subtitle">{t.invoices.form.formNumber(type.form)}</p>
      <BackHomeLink />
      {sent === null ? (
        <InvoiceForm
          initial={emptyInvoice(type.form)}
          mode={{ kind: "new" }}
          draftKey={draftKey(user.accountId, user.companyId, type.form)}
          onSent={setSent}
        />
      ) : (
        <Sent
          invoice={sent}
          onAnother={() => {
            setSent(null);
          }}
        />
      )}
    </Page>
  );
}
