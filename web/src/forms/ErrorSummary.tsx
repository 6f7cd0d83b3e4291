/**
 * The box at the top of a form after a failed submission: it takes the focus, says how many
 * errors there are and links each one to its field. Messages that belong to no field (wrong
 * password, lockout, server unreachable) are shown in the same place.
 */
import { useEffect, useId, useRef, type MouseEvent } from "react";
import { useI18n } from "../i18n/useI18n";
import type { FormErrors } from "./formErrors";

export interface SummaryField {
  /** The server's path (`company.gln`). */
  readonly name: string;
  /** The element to focus (the input, or the first radio of a group). */
  readonly id: string;
  readonly label: string;
}

interface Props {
  readonly errors: FormErrors;
  /** The form's fields in the order they appear. */
  readonly fields: readonly SummaryField[];
  /** Changes on every failed submission: the summary takes the focus again. */
  readonly focusKey: number;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (field === null) return;
  event.preventDefault();
  // Bring the label and hint into view too, not only the input.
  const container = field.closest(".field") ?? field;
  container.scrollIntoView({ block: "start" });
  field.focus({ preventScroll: true });
}

export function ErrorSummary({ errors, fields, focusKey }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const fieldItems = fields.flatMap((field) => {
    const message = errors.fields[field.name];
    if (message === undefined || message === "") return [];
    const text = message.toLowerCase().includes(field.label.toLowerCase())
      ? message
      : t.forms.summaryItem(field.label, message);
    return [{ id: field.id, text }];
  });
  const count = fieldItems.length + errors.general.length;

  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);

  if (count === 0) return null;

  if (fieldItems.length === 0) {
    return (
      <div ref={ref} tabIndex={-1} className="error-summary error-summary--general">
        {errors.general.map((message) => (
          <p key={message} className="error-summary__message">
            {message}
          </p>
        ))}
      </div>
    );
  }

  return (
    <div ref={ref} tabIndex={-1} className="error-summary" aria-labelledby={titleId}>
      <h2 id={titleId} className="error-summary__title">
        {t.forms.summaryTitle(count)}
      </h2>
      <ul className="error-summary__list">
        {errors.general.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fieldItems.map((item) => (
          <li key={item.id}>
            <a
              href={`#${item.id}`}
              onClick={(event) => {
                focusField(event, item.id);
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
