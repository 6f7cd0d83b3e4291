/** The whole app: language, frame and the page for the current address. */
import { I18nProvider } from "./i18n/I18nProvider";
import { AppLayout } from "./layout/AppLayout";
import { usePathname } from "./router/location";
import { RouteOutlet } from "./routes";

export function App() {
  const pathname = usePathname();
  return (
    <I18nProvider>
      <AppLayout>
        {/* Keyed by address: each page mounts afresh, so its heading takes the focus. */}
        <RouteOutlet key={pathname} pathname={pathname} />
      </AppLayout>
    </I18nProvider>
  );
}
