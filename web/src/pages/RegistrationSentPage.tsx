/** After registering: the request now waits for the office's decision. */
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { Link } from "../router/Link";
import { paths } from "../router/paths";

export function RegistrationSentPage() {
  const { t } = useI18n();
  return (
    <Page title={t.registrationSent.title}>
      <div className="panel panel--narrow">
        <p className="notice notice--success">{t.registrationSent.text}</p>
        <p>{t.registrationSent.next}</p>
        <p>
          <Link to={paths.signIn}>{t.registrationSent.toSignIn}</Link>
        </p>
      </div>
    </Page>
  );
}
