/** Shown for any address the app does not know. */
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { BackHomeLink } from "./BackHomeLink";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t.notFound.title}>
      <p>{t.notFound.text}</p>
      <BackHomeLink />
    </Page>
  );
}
