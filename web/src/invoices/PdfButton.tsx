/**
 * Downloads an invoice's PDF copy. The copy needs the bearer token (a plain link cannot send
 * it), so the button fetches it as a blob, waiting while documents still renders it.
 */
import { useState, type ReactNode } from "react";
import { invoiceApi, saveBlob } from "../api/invoices";
import { useI18n } from "../i18n/useI18n";
import { useSessionManager } from "../session/session";

interface Props {
  readonly invoiceId: string;
  readonly reference: string;
  readonly version?: number;
  /** The button's accessible name (an icon-only button in a table row needs one). */
  readonly label?: string;
  readonly className?: string;
  readonly children?: ReactNode;
}

export function PdfButton({
  invoiceId,
  reference,
  version,
  label,
  className = "button button--secondary",
  children,
}: Props) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function download() {
    setBusy(true);
    setFailed(false);
    const result = await invoiceApi(session, language).pdf(invoiceId, version);
    setBusy(false);
    if (result.ok) saveBlob(result.data, `${reference}.pdf`);
    else setFailed(true);
  }

  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => void download()}
        disabled={busy}
        aria-label={label}
        title={label}
      >
        {children ?? t.invoices.pdf.download}
      </button>
      {busy && (
        <span role="status" className="visually-hidden">
          {t.invoices.pdf.preparing}
        </span>
      )}
      {failed && (
        <span role="alert" className="field__error">
          {t.invoices.pdf.unavailable}
        </span>
      )}
    </>
  );
}
