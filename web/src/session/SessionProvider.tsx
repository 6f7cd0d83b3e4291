/** Creates this tab's session (or uses the one given, in tests) and starts it. */
import { useEffect, useState, type ReactNode } from "react";
import { SessionContext } from "./SessionContext";
import { SessionManager } from "./SessionManager";

interface Props {
  readonly children: ReactNode;
  readonly manager?: SessionManager;
}

export function SessionProvider({ children, manager }: Props) {
  const [session] = useState(() => manager ?? new SessionManager());

  useEffect(() => {
    session.start();
    return () => {
      session.stop();
    };
  }, [session]);

  return <SessionContext value={session}>{children}</SessionContext>;
}
