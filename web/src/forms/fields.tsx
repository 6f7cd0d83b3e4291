/**
 * Form fields with their label, hint and error wired for assistive technology: the hint and
 * the error are read with the field (aria-describedby), an erroneous field says so
 * (aria-invalid), and the error sits right under the field.
 */
import type { HTMLAttributes, ReactNode, Ref } from "react";
import { useI18n } from "../i18n/useI18n";
import "./forms.css";

/** The id of a form's field from its server path: `registration`, `company.gln` → `registration-company-gln`. */
export function fieldId(form: string, name: string): string {
  return `${form}-${name.replace(/[.[\]]+/g, "-").replace(/-$/, "")}`;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === "string");
  return list.length > 0 ? list.join(" ") : undefined;
}

function FieldError({ id, message }: { readonly id: string; readonly message: string }) {
  const { t } = useI18n();
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">{t.forms.errorPrefix}</span> {message}
    </p>
  );
}

interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly optional?: boolean;
  readonly type?: "text" | "email" | "password" | "tel" | "date" | "month";
  readonly autoComplete?: string;
  readonly inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  readonly width?: "narrow" | "medium" | "wide";
  readonly spellCheck?: boolean;
  readonly autoCapitalize?: string;
  readonly inputRef?: Ref<HTMLInputElement>;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  optional = false,
  type = "text",
  autoComplete,
  inputMode,
  width = "wide",
  spellCheck,
  autoCapitalize,
  inputRef,
}: TextFieldProps) {
  const { t } = useI18n();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== "";
  return (
    <div className={`field${hasError ? " field--error" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> {t.forms.optional}</span>}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input
        ref={inputRef}
        id={id}
        name={id}
        type={type}
        className={`field__input field__input--${width}`}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        required={!optional}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, hasError && errorId)}
        {...(autoComplete !== undefined && { autoComplete })}
        {...(inputMode !== undefined && { inputMode })}
        {...(spellCheck !== undefined && { spellCheck })}
        {...(autoCapitalize !== undefined && { autoCapitalize })}
      />
      {hasError && <FieldError id={errorId} message={error} />}
    </div>
  );
}

interface CheckboxFieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly error?: string | undefined;
  /** A choice that may stay unticked (the terms must be ticked; an option need not). */
  readonly optional?: boolean;
}

export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  error,
  optional = false,
}: CheckboxFieldProps) {
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== "";
  return (
    <div className={`field field--choice${hasError ? " field--error" : ""}`}>
      <div className="choice">
        <input
          id={id}
          name={id}
          type="checkbox"
          className="choice__input"
          checked={checked}
          onChange={(event) => {
            onChange(event.target.checked);
          }}
          required={!optional}
          aria-invalid={hasError || undefined}
          aria-describedby={hasError ? errorId : undefined}
        />
        <label htmlFor={id} className="choice__label">
          {label}
        </label>
      </div>
      {hasError && <FieldError id={errorId} message={error} />}
    </div>
  );
}

export interface RadioOption<T extends string> {
  readonly value: T;
  readonly label: string;
  readonly lang?: string;
}

interface RadioGroupProps<T extends string> {
  /** The id of the group; the first option's input gets it too, for error links. */
  readonly id: string;
  readonly legend: string;
  readonly options: readonly RadioOption<T>[];
  readonly value: T | "";
  readonly onChange: (value: T) => void;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly inline?: boolean;
  readonly legendClassName?: string;
}

export function RadioGroup<T extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  hint,
  inline = false,
  legendClassName = "field__label",
}: RadioGroupProps<T>) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== "";
  return (
    <fieldset
      className={`field fieldset${hasError ? " field--error" : ""}`}
      aria-describedby={describedBy(hint !== undefined && hintId, hasError && errorId)}
    >
      <legend className={legendClassName}>{legend}</legend>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className={`choices${inline ? " choices--inline" : ""}`}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="choice">
              <input
                id={optionId}
                name={id}
                type="radio"
                className="choice__input"
                value={option.value}
                checked={value === option.value}
                onChange={() => {
                  onChange(option.value);
                }}
              />
              <label htmlFor={optionId} className="choice__label" lang={option.lang}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
      {hasError && <FieldError id={errorId} message={error} />}
    </fieldset>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

interface SelectFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly SelectOption[];
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly optional?: boolean;
  /** The text of the empty choice (none when absent: one option is always chosen). */
  readonly placeholder?: string;
}

export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  error,
  hint,
  optional = false,
  placeholder,
}: SelectFieldProps) {
  const { t } = useI18n();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== "";
  return (
    <div className={`field${hasError ? " field--error" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> {t.forms.optional}</span>}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={id}
        className="field__input field__select"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        required={!optional}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, hasError && errorId)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hasError && <FieldError id={errorId} message={error} />}
    </div>
  );
}

interface TextAreaFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
  readonly optional?: boolean;
}

export function TextAreaField({
  id,
  label,
  value,
  onChange,
  error,
  optional = false,
}: TextAreaFieldProps) {
  const { t } = useI18n();
  const errorId = `${id}-error`;
  const hasError = error !== undefined && error !== "";
  return (
    <div className={`field${hasError ? " field--error" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> {t.forms.optional}</span>}
      </label>
      <textarea
        id={id}
        name={id}
        className="field__input field__input--wide field__textarea"
        rows={3}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
        }}
        required={!optional}
        aria-invalid={hasError || undefined}
        aria-describedby={hasError ? errorId : undefined}
      />
      {hasError && <FieldError id={errorId} message={error} />}
    </div>
  );
}
