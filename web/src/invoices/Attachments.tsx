/**
 * The invoice's attachments: choose the kind, then the file, which goes to documents right
 * away (purpose `invoice_attachment`); the list shows each file with a way to take it out.
 */
import { useId, useState, type ChangeEvent } from "react";
import { invoiceApi } from "../api/invoices";
import { DocumentIcon } from "../components/icons";
import { fieldId, SelectField } from "../forms/fields";
import { problemMessage } from "../forms/formErrors";
import { useI18n } from "../i18n/useI18n";
import { useSessionManager } from "../session/session";
import type { Attachment } from "./invoiceForm";

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const FILE_TYPES = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png";

interface Props {
  readonly form: string;
  readonly kinds: readonly string[];
  readonly value: readonly Attachment[];
  readonly onChange: (attachments: readonly Attachment[]) => void;
  /** The server's message about the attachments (a required kind missing, a refused file). */
  readonly error?: string | undefined;
  readonly onUploading: (uploading: boolean) => void;
}

export function Attachments({ form, kinds, value, onChange, error, onUploading }: Props) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const f = t.invoices.form;
  const [kind, setKind] = useState(kinds[0] ?? "other");
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const listId = useId();
  const fileId = fieldId(form, "attachments");
  const shownError = uploadError ?? error;
  const kindLabel = (value: string) =>
    (t.invoices.attachmentKinds as Readonly<Record<string, string | undefined>>)[value] ?? value;

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const file = input.files?.[0];
    if (file === undefined) return;
    setUploadError(null);
    if (file.size > MAX_FILE_BYTES) {
      setUploadError(f.fileTooLarge);
      input.value = "";
      return;
    }
    setUploading(true);
    onUploading(true);
    const result = await invoiceApi(session, language).uploadAttachment(file);
    setUploading(false);
    onUploading(false);
    input.value = "";
    if (result.ok) {
      onChange([...value, { file_id: result.data.id, kind, filename: result.data.filename }]);
      return;
    }
    const problem = result.problem;
    const first = problem.errors.find((e) => e.message.trim() !== "");
    setUploadError(
      problem.status === 413 ? f.fileTooLarge : (first?.message ?? problemMessage(problem, t)),
    );
  }

  return (
    <>
      <p className="muted">{f.attachmentsIntro}</p>
      {value.length > 0 && (
        <ul className="plain-list" id={listId}>
          {value.map((attachment) => (
            <li key={attachment.file_id} className="attachment">
              <DocumentIcon />
              <span>{t.forms.summaryItem(kindLabel(attachment.kind), attachment.filename)}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onChange(value.filter((a) => a.file_id !== attachment.file_id));
                }}
              >
                {f.removeAttachment(attachment.filename)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field-row">
        <SelectField
          id={fieldId(form, "attachment-kind")}
          label={f.attachmentKind}
          value={kind}
          onChange={setKind}
          options={kinds.map((value) => ({ value, label: kindLabel(value) }))}
        />
        <div className={`field${shownError !== undefined ? " field--error" : ""}`}>
          <label htmlFor={fileId} className="field__label">
            {f.attachmentFile}
            <span className="field__optional"> {t.forms.optional}</span>
          </label>
          <input
            id={fileId}
            name={fileId}
            type="file"
            accept={FILE_TYPES}
            className="field__file"
            onChange={(event) => void upload(event)}
            disabled={uploading}
            aria-invalid={shownError !== undefined || undefined}
            aria-describedby={shownError !== undefined ? `${fileId}-error` : undefined}
          />
          {uploading && (
            <p role="status" className="field__hint">
              {f.uploading}
            </p>
          )}
          {shownError !== undefined && (
            <p id={`${fileId}-error`} className="field__error">
              <span className="visually-hidden">{t.forms.errorPrefix}</span> {shownError}
            </p>
          )}
        </div>
      </div>
    </>
  );
}
