/** Who is using the counter: hooks over the tab's SessionManager. */
import { useContext, useSyncExternalStore } from "react";
import { SessionContext } from "./SessionContext";
import type { Role, SessionManager, SessionState, SessionUser } from "./SessionManager";

export type { Role, SessionState, SessionUser } from "./SessionManager";

export function useSessionManager(): SessionManager {
  const manager = useContext(SessionContext);
  if (manager === null) throw new Error("useSessionManager must be used inside <SessionProvider>");
  return manager;
}

export function useSession(): SessionState {
  const manager = useSessionManager();
  return useSyncExternalStore(manager.subscribe, manager.getState);
}

/** The user shown in the frame: signed in, or whose session just expired on this page. */
export function sessionUser(session: SessionState): SessionUser | null {
  return session.status === "signedIn" || session.status === "expired" ? session.user : null;
}

export function sessionRole(session: SessionState): Role | null {
  return sessionUser(session)?.role ?? null;
}
