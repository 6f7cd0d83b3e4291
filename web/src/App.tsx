/** The whole app: language, session, frame and the page for the current address. */
import { I18nProvider } from "./i18n/I18nProvider";
import { AppLayout } from "./layout/AppLayout";
import { usePathname } from "./router/location";
import { RouteOutlet } from "./routes";
import { SessionDialog } from "./session/SessionDialog";
import { SessionProvider } from "./session/SessionProvider";
import type { SessionManager } from "./session/SessionManager";

interface Props {
  /** Tests give their own; the app makes one. */
  readonly session?: SessionManager;
}

export function App({ session }: Props) {
  const pathname = usePathname();
  return (
    <I18nProvider>
      <SessionProvider {...(session !== undefined && { manager: session })}>
        <AppLayout>
          {/* Keyed by address: each page mounts afresh, so its heading takes the focus. */}
          <RouteOutlet key={pathname} pathname={pathname} />
        </AppLayout>
        <SessionDialog />
      </SessionProvider>
    </I18nProvider>
  );
}
