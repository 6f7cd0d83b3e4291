/**
 * Before the session times out: a warning with a countdown ("Rester connecté" / "Se
 * déconnecter"). After it timed out: signing in again inside the dialog, so the page below —
 * and what the user typed in it — stays exactly as it was.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useModal } from "../components/useModal";
import { formatClock, useCountdown } from "../auth/countdown";
import { SignInFlow } from "../auth/SignInFlow";
import { sessionTimings } from "../config/session";
import { useI18n } from "../i18n/useI18n";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { withNotice } from "../pages/notices";
import { useSession, useSessionManager, type SessionUser } from "./session";

function WarningDialog({ idleDeadline }: { readonly idleDeadline: number }) {
  const { t } = useI18n();
  const manager = useSessionManager();
  const { secondsLeft } = useCountdown(idleDeadline - sessionTimings.expiryMarginMs);
  const [failed, setFailed] = useState(false);
  const titleId = useId();
  const textId = useId();
  const stayRef = useRef<HTMLButtonElement>(null);

  async function stay() {
    setFailed((await manager.stayConnected()) === "unavailable");
  }

  const ref = useModal(() => void stay());
  useEffect(() => {
    stayRef.current?.focus();
  }, []);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
    >
      <h2 id={titleId} className="dialog__title">
        {t.session.warningTitle}
      </h2>
      <p id={textId}>{t.session.warningText(formatClock(secondsLeft))}</p>
      {failed && (
        <p className="notice notice--error" role="alert">
          {t.session.stayFailed}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            navigate(paths.signIn, withNotice("signedOut"));
            void manager.signOut();
          }}
        >
          {t.session.signOut}
        </button>
        <button
          ref={stayRef}
          type="button"
          className="button button--primary"
          onClick={() => void stay()}
        >
          {t.session.stay}
        </button>
      </div>
    </dialog>
  );
}

function ExpiredDialog({ user }: { readonly user: SessionUser }) {
  const { t } = useI18n();
  const titleId = useId();
  const textId = useId();
  // Escape must not hide the dialog: behind it nothing works without a session.
  const ref = useModal(() => undefined);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={textId}>
      <h2 id={titleId} className="dialog__title">
        {t.session.expiredTitle}
      </h2>
      <p id={textId}>{t.session.expiredText}</p>
      <SignInFlow
        idPrefix="session-sign-in"
        initialEmail={user.email}
        onSignedIn={(again) => {
          // Someone else signed in: the page belongs to the previous account's company.
          if (again.accountId !== user.accountId) navigate(paths.counter);
        }}
      />
    </dialog>
  );
}

export function SessionDialog() {
  const session = useSession();
  if (session.status === "signedIn" && session.warning) {
    return <WarningDialog key={session.idleDeadline} idleDeadline={session.idleDeadline} />;
  }
  if (session.status === "expired") return <ExpiredDialog user={session.user} />;
  return null;
}
