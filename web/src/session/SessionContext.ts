/** The React context carrying this tab's session manager. */
import { createContext } from "react";
import type { SessionManager } from "./SessionManager";

export const SessionContext = createContext<SessionManager | null>(null);
