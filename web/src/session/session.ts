/**
 * Who is using the counter. Login does not exist yet, so the frame runs with an explicit
 * placeholder session and shows it as such; the login work replaces this module's insides,
 * not its callers.
 */

export type Role = "manager" | "collaborator";

export interface SessionUser {
  readonly firstName: string;
  readonly lastName: string;
  readonly companyName: string;
  readonly role: Role;
}

export type Session =
  | { readonly status: "placeholder"; readonly role: Role }
  | { readonly status: "signedIn"; readonly user: SessionUser };

// A manager, so that every entry of the frame (including "Ma société") can be seen.
const placeholderSession: Session = { status: "placeholder", role: "manager" };

export function useSession(): Session {
  return placeholderSession;
}

export function sessionRole(session: Session): Role {
  return session.status === "signedIn" ? session.user.role : session.role;
}

/** Ends the session. Nothing to end yet: the placeholder has no server side. */
export function signOut(): Promise<void> {
  return Promise.resolve();
}
