/**
 * "Collaborateurs" (guide 4.2.1): the members of the company, with their role; add (an
 * invitation e-mail follows), change names, role and mobile, remove after a confirmation.
 * The last manager can be neither removed nor demoted: the server's refusal is shown.
 */
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { companyApi, type Member, type MemberRole } from "../api/company";
import type { Problem } from "../api/problem";
import { ConfirmRemoval } from "../components/ConfirmRemoval";
import { BinIcon, PencilIcon } from "../components/icons";
import { ErrorSummary } from "../forms/ErrorSummary";
import { fieldId, RadioGroup, TextField } from "../forms/fields";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  problemMessage,
} from "../forms/formErrors";
import { useFields } from "../forms/useFields";
import { useFormErrors } from "../forms/useFormErrors";
import { LANGUAGE_AUTONYMS, LANGUAGES, type Language } from "../i18n/language";
import { useI18n } from "../i18n/useI18n";
import { formatPhone } from "../pages/AccountPage";
import { sessionUser, useSession, useSessionManager } from "../session/session";
import {
  checkMember,
  emptyMember,
  MEMBER_FIELDS,
  memberChanges,
  newMemberRequest,
  type MemberField,
} from "./memberForm";
import { Notice, type NoticeState } from "../components/Notice";

const FORM = "member";

interface FormProps {
  /** The member to change; a new one when absent. */
  readonly member?: Member;
  readonly onSaved: (member: Member) => void;
  readonly onCancel: () => void;
}

export function MemberForm({ member, onSaved, onCancel }: FormProps) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const m = t.company.members;
  const adding = member === undefined;
  const { values, bind } = useFields(
    member === undefined
      ? emptyMember
      : {
          first_name: member.first_name,
          last_name: member.last_name,
          email: member.email,
          mobile: member.mobile,
        },
  );
  const [role, setRole] = useState<MemberRole | "">(member?.role ?? "");
  const [correspondence, setCorrespondence] = useState<Language>(language);
  const { errors, focusKey, show } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const labels: Record<MemberField, string> = {
    first_name: m.firstName,
    last_name: m.lastName,
    role: m.role,
    email: m.email,
    mobile: m.mobile,
    language: m.language,
  };
  const fields = MEMBER_FIELDS.filter(
    (name) => adding || (name !== "email" && name !== "language"),
  );
  const id = (name: MemberField) => fieldId(FORM, name);
  const text = (name: MemberField & keyof typeof values) => ({
    id: id(name),
    label: labels[name],
    error: errors.fields[name],
    ...bind(name),
  });

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const checked = formErrorsFromChecks(checkMember(values, role, adding), labels, t);
    if (hasErrors(checked) || role === "") {
      show(checked);
      return;
    }
    setBusy(true);
    const api = companyApi(session, language);
    const result =
      member === undefined
        ? await api.addMember(newMemberRequest(values, role, correspondence))
        : await api.changeMember(member.id, memberChanges(values, role));
    setBusy(false);
    if (result.ok) onSaved(result.data);
    else show(formErrorsFromProblem(result.problem, fields, t));
  }

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} ref={titleRef} tabIndex={-1} className="panel__title">
        {member === undefined
          ? m.addTitle
          : m.editTitle(`${member.last_name} ${member.first_name}`)}
      </h2>
      <form noValidate className="form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
        <ErrorSummary
          errors={errors}
          focusKey={focusKey}
          fields={fields.map((name) => ({ name, id: id(name), label: labels[name] }))}
        />
        <div className="field-row">
          <TextField {...text("first_name")} autoComplete="off" />
          <TextField {...text("last_name")} autoComplete="off" />
        </div>
        <RadioGroup
          id={id("role")}
          legend={m.role}
          hint={m.roleHint}
          inline
          options={[
            { value: "collaborator", label: t.account.roles.collaborator },
            { value: "manager", label: t.account.roles.manager },
          ]}
          value={role}
          onChange={setRole}
          error={errors.fields.role}
        />
        {adding ? (
          <TextField
            {...text("email")}
            hint={m.emailHint}
            type="email"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
          />
        ) : (
          <dl className="details">
            <dt>{m.email}</dt>
            <dd>{member.email}</dd>
          </dl>
        )}
        <TextField {...text("mobile")} hint={m.mobileHint} type="tel" width="medium" />
        {adding && (
          <RadioGroup
            id={id("language")}
            legend={m.language}
            inline
            options={LANGUAGES.map((value) => ({
              value,
              label: LANGUAGE_AUTONYMS[value],
              lang: value,
            }))}
            value={correspondence}
            onChange={setCorrespondence}
            error={errors.fields.language}
          />
        )}
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
  | { readonly kind: "edit"; readonly member: Member };

export function MembersTab() {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const me = sessionUser(useSession());
  const m = t.company.members;
  const [members, setMembers] = useState<readonly Member[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [removing, setRemoving] = useState<Member | null>(null);
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
      .members()
      .then((result) => {
        if (!current) return;
        if (result.ok) {
          setMembers(result.data.items);
          setLoadProblem(null);
        } else {
          setLoadProblem(result.problem);
        }
      });
    return () => {
      current = false;
    };
  }, [session, language, version]);

  async function remove(member: Member) {
    setBusy(true);
    const result = await companyApi(session, language).removeMember(member.id);
    setBusy(false);
    setRemoving(null);
    const name = `${member.last_name} ${member.first_name}`;
    if (result.ok) {
      setNotice({ kind: "success", text: m.removed(name) });
      reload();
    } else {
      setNotice({ kind: "error", text: problemMessage(result.problem, t) });
    }
  }

  const close = () => {
    setEditing({ kind: "none" });
    addRef.current?.focus();
  };

  return (
    <>
      <p className="page__intro">{m.intro}</p>
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
            {m.add}
          </button>
        </p>
      ) : (
        <MemberForm
          key={editing.kind === "edit" ? editing.member.id : "new"}
          {...(editing.kind === "edit" && { member: editing.member })}
          onCancel={close}
          onSaved={(saved) => {
            setNotice({
              kind: "success",
              text: editing.kind === "new" ? m.added(saved.email) : m.changed,
            });
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
      {members === null && loadProblem === null && (
        <p role="status" className="loading">
          {t.session.loading}
        </p>
      )}
      {members !== null && members.length === 0 && <p className="panel__empty">{m.empty}</p>}
      {members !== null && members.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.email}</th>
              <th scope="col">{m.mobile}</th>
              <th scope="col">{m.role}</th>
              <th scope="col">
                <span className="visually-hidden">{t.company.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const name = `${member.last_name} ${member.first_name}`;
              return (
                <tr key={member.id}>
                  <th scope="row">
                    {name}
                    {me?.accountId === member.account_id && <> {m.you}</>}
                  </th>
                  <td>{member.email}</td>
                  <td>{formatPhone(member.mobile)}</td>
                  <td>{t.account.roles[member.role]}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={t.company.edit(name)}
                      title={t.company.edit(name)}
                      onClick={() => {
                        setNotice(null);
                        setEditing({ kind: "edit", member });
                      }}
                    >
                      <PencilIcon />
                    </button>
                    <button
                      type="button"
                      className="icon-button icon-button--danger"
                      aria-label={t.company.remove(name)}
                      title={t.company.remove(name)}
                      onClick={() => {
                        setNotice(null);
                        setRemoving(member);
                      }}
                    >
                      <BinIcon />
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {removing !== null && (
        <ConfirmRemoval
          text={m.confirmRemoveText(`${removing.last_name} ${removing.first_name}`)}
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
