/**
 * "Connexion": the sign-in form on the left and "S'inscrire" on the right, as in the office's
 * guide; then the SMS code. Signed-in visitors go straight to where they were heading.
 */
import { useEffect, useId, useState } from "react";
import { SignInFlow } from "../auth/SignInFlow";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { Link } from "../router/Link";
import { navigate, searchParam } from "../router/location";
import { paths, safeReturnPath } from "../router/paths";
import { useSession } from "../session/session";
import { currentNotice } from "./notices";

export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const [returnTo] = useState(() => safeReturnPath(searchParam("retour")) ?? paths.counter);
  const [notice] = useState(currentNotice);
  const [step, setStep] = useState<"credentials" | "code">("credentials");
  const asideId = useId();

  // Already signed in (e.g. restored from the cookie on load): nothing to do here.
  useEffect(() => {
    if (session.status === "signedIn" && window.location.pathname === paths.signIn) {
      navigate(returnTo, { redirect: true });
    }
  }, [session.status, returnTo]);

  if (session.status === "loading") {
    return (
      <Page title={t.signIn.title}>
        <p role="status">{t.session.loading}</p>
      </Page>
    );
  }

  return (
    <Page title={t.signIn.title}>
      {notice !== null && (
        <p className="notice notice--success" role="status">
          {t.notices[notice.notice]}
        </p>
      )}
      <div className="auth-layout">
        <section className="panel auth-layout__main">
          <SignInFlow
            idPrefix="sign-in"
            initialEmail={notice?.email ?? ""}
            onStepChange={setStep}
            onSignedIn={() => {
              navigate(returnTo);
            }}
          />
        </section>
        {step === "credentials" && (
          <aside className="panel auth-layout__aside" aria-labelledby={asideId}>
            <h2 id={asideId} className="panel__title">
              {t.signIn.noAccount}
            </h2>
            <p>{t.signIn.noAccountText}</p>
            <Link to={paths.registration} className="button button--secondary">
              {t.signIn.register}
            </Link>
          </aside>
        )}
      </div>
    </Page>
  );
}
