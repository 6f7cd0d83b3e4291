/**
 * "Envoyer ma demande" asks first (guide 4.4): once sent the request can no longer be changed.
 * A modal dialog (the page behind is inert, Escape = "Annuler l'envoi"); "Envoyer la demande"
 * is disabled while sending, so it cannot send twice.
 */
import { useEffect, useId, useRef } from "react";
import { useModal } from "../components/useModal";
import { useI18n } from "../i18n/useI18n";

interface Props {
  readonly sending: boolean;
  readonly onSend: () => void;
  readonly onCancel: () => void;
}

export function ConfirmSendDialog({ sending, onSend, onCancel }: Props) {
  const { t } = useI18n();
  const f = t.invoices.form;
  const titleId = useId();
  const textId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const cancel = useRef(() => {
    if (!sending) onCancel();
  });
  useEffect(() => {
    cancel.current = () => {
      if (!sending) onCancel();
    };
  });
  const ref = useModal(() => {
    cancel.current();
  });

  useEffect(() => {
    cancelRef.current?.focus();
  }, []);

  // Where <dialog> has no native cancel (older engines, jsdom), Escape still cancels.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      cancel.current();
    };
    dialog.addEventListener("keydown", onKey);
    return () => {
      dialog.removeEventListener("keydown", onKey);
    };
  }, [ref]);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
    >
      <h2 id={titleId} className="dialog__title">
        {f.confirmTitle}
      </h2>
      <div id={textId}>
        <p>{f.confirmText}</p>
        <p>
          <strong>{f.confirmWarning}</strong>
        </p>
      </div>
      {sending && (
        <p role="status" className="muted">
          {f.sending}
        </p>
      )}
      <div className="form-actions">
        <button
          ref={cancelRef}
          type="button"
          className="button button--secondary"
          onClick={onCancel}
          disabled={sending}
        >
          {f.cancelSending}
          <span className="button__hint"> {f.cancelSendingHint}</span>
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={onSend}
          disabled={sending}
        >
          {f.send}
        </button>
      </div>
    </dialog>
  );
}
