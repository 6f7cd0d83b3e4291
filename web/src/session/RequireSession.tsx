/**
 * Guards the pages that need a signed-in user: while the session is being restored it says
 * so; without one it sends the visitor to `/connexion`, which brings them back afterwards. A
 * session that expires on the page does not unmount it (the dialog takes over).
 */
import { useEffect, type ReactNode } from "react";
import { useI18n } from "../i18n/useI18n";
import { navigate } from "../router/location";
import { paths } from "../router/paths";
import { sessionRole, useSession, type Role } from "./session";

interface Props {
  readonly children: ReactNode;
  /** Only this role may see the page (others get `forbidden`). */
  readonly role?: Role;
  readonly forbidden?: ReactNode;
}

export function RequireSession({ children, role, forbidden = null }: Props) {
  const { t } = useI18n();
  const session = useSession();

  useEffect(() => {
    if (session.status === "anonymous") {
      const here = `${window.location.pathname}${window.location.search}`;
      navigate(here === paths.counter ? paths.signIn : paths.signInReturningTo(here), {
        redirect: true,
      });
    }
  }, [session.status]);

  if (session.status === "loading") {
    return (
      <p role="status" className="loading">
        {t.session.loading}
      </p>
    );
  }
  if (session.status === "anonymous") return null;
  if (role !== undefined && sessionRole(session) !== role) return forbidden;
  return children;
}
