/** The invitation link's target: a collaborator chooses the password of their new account. */
import { useEffect, useState } from "react";
import { acceptInvitation, readInvitation, type Invitation } from "../api/identity";
import type { Problem } from "../api/problem";
import { problemMessage } from "../forms/formErrors";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { withNotice } from "./notices";
import { PasswordChoiceForm } from "./PasswordChoiceForm";
import { useLinkToken } from "./useLinkToken";

type State =
  | { readonly kind: "loading" }
  | { readonly kind: "ready"; readonly invitation: Invitation }
  | { readonly kind: "void" }
  | { readonly kind: "failed"; readonly problem: Problem };

function isVoid(problem: Problem): boolean {
  return problem.status === 410 || problem.status === 404 || problem.code === "token_void";
}

export function InvitationPage() {
  const { t, language } = useI18n();
  const token = useLinkToken();
  const [state, setState] = useState<State>(
    token === null ? { kind: "void" } : { kind: "loading" },
  );
  const inv = t.invitation;

  useEffect(() => {
    if (token === null) return;
    let current = true;
    void readInvitation(token, language).then((result) => {
      if (!current) return;
      if (result.ok) setState({ kind: "ready", invitation: result.data });
      else
        setState(
          isVoid(result.problem) ? { kind: "void" } : { kind: "failed", problem: result.problem },
        );
    });
    return () => {
      current = false;
    };
    // The language only changes the wording of errors: read the invitation once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  return (
    <Page title={inv.title}>
      <div className="panel panel--narrow">
        {state.kind === "loading" && <p role="status">{t.session.loading}</p>}
        {state.kind === "void" && (
          <p className="notice notice--error" role="alert">
            {inv.invalidLink}
          </p>
        )}
        {state.kind === "failed" && (
          <p className="notice notice--error" role="alert">
            {problemMessage(state.problem, t)}
          </p>
        )}
        {state.kind === "ready" && (
          <PasswordChoiceForm
            idPrefix="invitation"
            labels={{
              password: inv.password,
              passwordHint: inv.passwordHint,
              confirmation: inv.confirmation,
              submit: inv.submit,
            }}
            onSubmit={async ({ password, password_confirmation }) => {
              const result = await acceptInvitation(
                token ?? "",
                { password, password_confirmation },
                language,
              );
              if (result.ok) {
                navigate(paths.signIn, withNotice("invitationAccepted", state.invitation.email));
                return null;
              }
              if (isVoid(result.problem)) {
                setState({ kind: "void" });
                return null;
              }
              return result.problem;
            }}
          >
            <p>{inv.welcome(state.invitation.first_name, state.invitation.email)}</p>
          </PasswordChoiceForm>
        )}
      </div>
    </Page>
  );
}
