/**
 * The form-specific part of an invoice, drawn from its ContentSpec: the content's own fields,
 * then its rows (lines or assistants), each in a fieldset, added and removed.
 */
import { useEffect, useRef } from "react";
import { CheckboxField, fieldId, SelectField, TextField } from "../forms/fields";
import type { FormErrors } from "../forms/formErrors";
import { useI18n } from "../i18n/useI18n";
import type { Messages } from "../i18n/messages";
import { isActive, type ContentSpec, type FieldSpec, type RowValues } from "./contentSpecs";
import { emptyRow, fieldLabel, rowPath, type Row } from "./invoiceForm";

interface FieldProps {
  readonly spec: FieldSpec;
  /** The server path, e.g. `content.lines[0].delivery_date`. */
  readonly path: string;
  readonly form: string;
  readonly values: RowValues;
  readonly errors: FormErrors;
  readonly onChange: (name: string, value: string | boolean) => void;
}

type OptionLabels = Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;

function optionLabel(t: Messages, spec: FieldSpec, value: string): string {
  return (t.invoices.options as OptionLabels)[spec.label]?.[value] ?? value;
}

function ContentField({ spec, path, form, values, errors, onChange }: FieldProps) {
  const { t } = useI18n();
  const id = fieldId(form, path);
  const label = fieldLabel(spec, t);
  const error = errors.fields[path];
  const value = values[spec.name];
  const change = (next: string | boolean) => {
    onChange(spec.name, next);
  };
  const optional = spec.optional === true;
  switch (spec.kind) {
    case "checkbox":
      return (
        <CheckboxField
          id={id}
          label={label}
          optional
          checked={value === true}
          onChange={change}
          error={error}
        />
      );
    case "select":
      return (
        <SelectField
          id={id}
          label={label}
          optional={optional}
          value={typeof value === "string" ? value : ""}
          onChange={change}
          error={error}
          options={(spec.options ?? []).map((option) => ({
            value: option,
            label: optionLabel(t, spec, option),
          }))}
          {...((optional || spec.initial === undefined) && {
            placeholder: t.invoices.form.noneSelected,
          })}
        />
      );
    default:
      return (
        <TextField
          id={id}
          label={label}
          optional={optional}
          value={typeof value === "string" ? value : ""}
          onChange={change}
          error={error}
          type={spec.kind === "date" ? "date" : spec.kind === "month" ? "month" : "text"}
          width={spec.kind === "text" ? "wide" : "medium"}
          {...(spec.kind === "integer" && { inputMode: "numeric" as const })}
          {...((spec.kind === "decimal" || spec.kind === "money") && {
            inputMode: "decimal" as const,
          })}
        />
      );
  }
}

interface Props {
  readonly form: string;
  readonly spec: ContentSpec;
  readonly content: RowValues;
  readonly rows: readonly Row[];
  readonly errors: FormErrors;
  readonly onContentChange: (content: RowValues) => void;
  readonly onRowsChange: (rows: readonly Row[]) => void;
}

export function ContentEditor({
  form,
  spec,
  content,
  rows,
  errors,
  onContentChange,
  onRowsChange,
}: Props) {
  const { t } = useI18n();
  const f = t.invoices.form;
  const focusAfterChange = useRef<string | null>(null);

  useEffect(() => {
    if (focusAfterChange.current === null) return;
    document.getElementById(focusAfterChange.current)?.focus();
    focusAfterChange.current = null;
  }, [rows.length]);

  const rowsSpec = spec.rows;
  const kind = rowsSpec?.name === "assistants" ? "assistants" : "lines";
  const rowName = (index: number) =>
    kind === "assistants" ? f.assistant(index + 1) : f.line(index + 1);
  const addId = fieldId(form, `content.${rowsSpec?.name ?? ""}`);

  function addRow() {
    if (rowsSpec === null) return;
    const key = Math.max(0, ...rows.map((row) => row.key)) + 1;
    const first = rowsSpec.fields[0];
    if (first !== undefined)
      focusAfterChange.current = fieldId(form, rowPath(spec, rows.length, first));
    onRowsChange([...rows, emptyRow(spec, key)]);
  }

  return (
    <>
      {spec.fields.map((field) => (
        <ContentField
          key={field.name}
          spec={field}
          path={`content.${field.name}`}
          form={form}
          values={content}
          errors={errors}
          onChange={(name, value) => {
            onContentChange({ ...content, [name]: value });
          }}
        />
      ))}
      {rowsSpec !== null &&
        rows.map((row, index) => (
          <fieldset key={row.key} className="fieldset subsection content-row">
            <legend className="field__label">
              {f.rowTitle[kind]} {index + 1}
            </legend>
            <div className="content-row__fields">
              {rowsSpec.fields
                .filter((field) => isActive(field, row.values))
                .map((field) => (
                  <ContentField
                    key={field.name}
                    spec={field}
                    path={rowPath(spec, index, field)}
                    form={form}
                    values={row.values}
                    errors={errors}
                    onChange={(name, value) => {
                      onRowsChange(
                        rows.map((r) =>
                          r.key === row.key ? { ...r, values: { ...r.values, [name]: value } } : r,
                        ),
                      );
                    }}
                  />
                ))}
            </div>
            {rows.length > 1 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  focusAfterChange.current = addId;
                  onRowsChange(rows.filter((r) => r.key !== row.key));
                }}
              >
                {kind === "assistants"
                  ? f.removeAssistant(rowName(index))
                  : f.removeRow(rowName(index))}
              </button>
            )}
          </fieldset>
        ))}
      {rowsSpec !== null && (
        <>
          {errors.fields[`content.${rowsSpec.name}`] !== undefined && (
            <p id={`${addId}-error`} className="field__error">
              <span className="visually-hidden">{t.forms.errorPrefix}</span>{" "}
              {errors.fields[`content.${rowsSpec.name}`]}
            </p>
          )}
          <button id={addId} type="button" className="button button--secondary" onClick={addRow}>
            <span aria-hidden="true">+ </span>
            {f.addRow[kind]}
          </button>
        </>
      )}
    </>
  );
}
