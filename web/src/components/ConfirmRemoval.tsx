/**
 * An in-page confirmation before a removal: it takes the focus, says what will be removed and
 * offers to confirm or cancel.
 */
import { useEffect, useId, useRef } from "react";

interface Props {
  readonly text: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

export function ConfirmRemoval({
  text,
  confirmLabel,
  cancelLabel,
  busy = false,
  onConfirm,
  onCancel,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const textId = useId();

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div ref={ref} role="alertdialog" aria-labelledby={textId} tabIndex={-1} className="confirm">
      <p id={textId} className="confirm__text">
        {text}
      </p>
      <div className="form-actions">
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
