/**
 * "Comptes bancaires" (guide 4.2.2): the company's accounts (IBAN checked by the server, QR-IBAN
 * recognised), add, edit, remove. Beneficiaries' accounts are on their own profile.
 */
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { companyApi, type BankAccount } from "../api/company";
import type { Problem } from "../api/problem";
import { ConfirmRemoval } from "../components/ConfirmRemoval";
import { BinIcon, PencilIcon } from "../components/icons";
import { Notice, type NoticeState } from "../components/Notice";
import { ErrorSummary } from "../forms/ErrorSummary";
import { fieldId, TextField } from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  problemMessage,
} from "../forms/formErrors";
import { useFields } from "../forms/useFields";
import { useFormErrors } from "../forms/useFormErrors";
import { useI18n } from "../i18n/useI18n";
import { useSessionManager } from "../session/session";
import {
  BANK_ACCOUNT_FIELDS,
  bankAccountRequest,
  checkBankAccount,
  emptyBankAccount,
  type BankAccountField,
} from "./bankAccountForm";

const FORM = "bank-account";

interface FormProps {
  readonly account?: BankAccount;
  readonly onSaved: (account: BankAccount) => void;
  readonly onCancel: () => void;
}

export function BankAccountForm({ account, onSaved, onCancel }: FormProps) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const b = t.company.bankAccounts;
  const { values, bind } = useFields(
    account === undefined
      ? emptyBankAccount
      : {
          label: account.label,
          iban: account.iban_formatted,
          holder: account.holder,
          nif: account.nif ?? "",
        },
  );
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const labels: Record<BankAccountField, string> = {
    label: b.label,
    iban: b.iban,
    holder: b.holder,
    nif: b.nif,
  };
  const id = (name: BankAccountField) => fieldId(FORM, name);
  const text = (name: BankAccountField) => ({
    id: id(name),
    label: labels[name],
    error: errors.fields[name],
    ...bind(name),
  });

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks(checkBankAccount(values), labels, t);
    if (hasErrors(checked)) {
      show(checked);
      return;
    }
    setBusy(true);
    const api = companyApi(session, language);
    const request = bankAccountRequest(values);
    const result =
      account === undefined
        ? await api.addBankAccount(request)
        : await api.changeBankAccount(account.id, request);
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else show(formErrorsFromProblem(result.problem, BANK_ACCOUNT_FIELDS, t));
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} ref={titleRef} tabIndex={-1} className="panel__title">
        {account === undefined ? b.addTitle : b.editTitle(account.label)}
      </h2>
      <form noValidate className="form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <ErrorSummary
          errors={errors}
          focusKey={focusKey}
          fields={BANK_ACCOUNT_FIELDS.map((name) => ({ name, id: id(name), label: labels[name] }))}
        />
        <TextField {...text("label")} hint={b.labelHint} width="medium" />
        <TextField {...text("iban")} hint={b.ibanHint} spellCheck={false} />
        <TextField {...text("holder")} />
        <TextField {...text("nif")} hint={b.nifHint} optional width="medium" spellCheck={false} />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t.company.save}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t.company.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

type Editing =
  | { readonly kind: "none" }
  | { readonly kind: "new" }
  | { readonly kind: "edit"; readonly account: BankAccount };

export function BankAccountsTab() {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const b = t.company.bankAccounts;
  const [accounts, setAccounts] = useState<readonly BankAccount[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [removing, setRemoving] = useState<BankAccount | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const [version, setVersion] = useState(0);
  const reload = () => {
    setVersion((current) => current + 1);
  };

  useEffect(() => {
    let current = true;
    void companyApi(session, language)
      .bankAccounts()
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setAccounts(result.data.items);
          setLoadProblem(null);
        } else {
          setLoadProblem(result.problem);
        }
      });
    return () => {
      current = false;
    };
  }, [session, language, version]);

  async function remove(account: BankAccount) {
    setBusy(true);
    const result = await companyApi(session, language).removeBankAccount(account.id);
    setBusy(false);
    setRemoving(null);
    if (result.ok) {
      setNotice({ kind: "success", text: b.removed(account.label) });
      reload();
    } else {
      setNotice({ kind: "error", text: problemMessage(result.problem, t) });
    }
  }

  return (
    <>
      <p className="page__intro">{b.intro}</p>
      {notice !== null && <Notice notice={notice} />}
      {editing.kind === "none" ? (
        <p>
          <button
            ref={addRef}
            type="button"
            className="button button--primary"
            onClick={() => {
              setNotice(null);
              setEditing({ kind: "new" });
            }}
          >
            <span aria-hidden="true">+ </span>
            {b.add}
          </button>
        </p>
      ) : (
        <BankAccountForm
          key={editing.kind === "edit" ? editing.account.id : "new"}
          {...(editing.kind === "edit" && { account: editing.account })}
          onCancel={() => {
            setEditing({ kind: "none" });
          }}
          onSaved={() => {
            setNotice({ kind: "success", text: editing.kind === "new" ? b.added : b.changed });
            setEditing({ kind: "none" });
            reload();
          }}
        />
      )}
      {loadProblem !== null && (
        <div className="notice notice--error" role="alert">
          <p>{t.company.loadFailed}</p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {t.company.retry}
          </button>
        </div>
      )}
      {accounts === null && loadProblem === null && (
        <p role="status" className="loading">
          {t.session.loading}
        </p>
      )}
      {accounts !== null && accounts.length === 0 && <p className="panel__empty">{b.empty}</p>}
      {accounts !== null && accounts.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{b.label}</th>
              <th scope="col">{b.iban}</th>
              <th scope="col">{b.holder}</th>
              <th scope="col">{b.nif}</th>
              <th scope="col">
                <span className="visually-hidden">{t.company.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <th scope="row">{account.label}</th>
                <td>
                  <span className="nowrap">{account.iban_formatted}</span>
                  {account.is_qr_iban && <span className="badge">{b.qrIban}</span>}
                </td>
                <td>{account.holder}</td>
                <td>{account.nif ?? ""}</td>
                <td className="table__actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={t.company.edit(account.label)}
                    title={t.company.edit(account.label)}
                    onClick={() => {
                      setNotice(null);
                      setEditing({ kind: "edit", account });
                    }}
                  >
                    <PencilIcon />
                  </button>
                  <button
                    type="button"
                    className="icon-button icon-button--danger"
                    aria-label={t.company.remove(account.label)}
                    title={t.company.remove(account.label)}
                    onClick={() => {
                      setNotice(null);
                      setRemoving(account);
                    }}
                  >
                    <BinIcon />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {removing !== null && (
        <ConfirmRemoval
          text={b.confirmRemoveText(removing.label)}
          confirmLabel={t.company.confirmRemove}
          cancelLabel={t.company.cancel}
          busy={busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => {
            setRemoving(null);
          }}
        />
      )}
    </>
  );
}
