/** The reset link's target: new password and confirmation, then back to sign in. */
import { useState } from "react";
import { resetPassword } from "../api/identity";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { Link } from "../router/Link";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { withNotice } from "./notices";
import { PasswordChoiceForm } from "./PasswordChoiceForm";
import { useLinkToken } from "./useLinkToken";

export function ResetPasswordPage() {
  const { t, language } = useI18n();
  const token = useLinkToken();
  const [linkVoid, setLinkVoid] = useState(token === null);
  const r = t.resetPassword;

  return (
    <Page title={r.title}>
      <div className="panel panel--narrow">
        {linkVoid ? (
          <>
            <p className="notice notice--error" role="alert">
              {r.invalidLink}
            </p>
            <p>
              <Link to={paths.forgotPassword}>{r.newLink}</Link>
            </p>
          </>
        ) : (
          <PasswordChoiceForm
            idPrefix="reset-password"
            labels={{
              password: r.password,
              passwordHint: r.passwordHint,
              confirmation: r.confirmation,
              submit: r.submit,
            }}
            onSubmit={async ({ password, password_confirmation }) => {
              const result = await resetPassword(
                token ?? "",
                { password, password_confirmation },
                language,
              );
              if (result.ok) {
                navigate(paths.signIn, withNotice("passwordReset"));
                return null;
              }
              if (result.problem.status === 410 || result.problem.code === "token_void") {
                setLinkVoid(true);
                return null;
              }
              return result.problem;
            }}
          />
        )}
      </div>
    </Page>
  );
}
