/** "Guichet", the home page: requests to correct and the invoice history. */
import { useId } from "react";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";

export function CounterPage() {
  const { t } = useI18n();
  const toCorrectId = useId();
  const historyId = useId();

  // No data source yet: both sections show their empty state until invoicing exists.
  return (
    <Page title={t.counter.title}>
      <section className="panel" aria-labelledby={toCorrectId}>
        <h2 id={toCorrectId} className="panel__title">
          {t.counter.toCorrect.heading}
        </h2>
        <p className="panel__empty">{t.counter.toCorrect.empty}</p>
      </section>
      <section className="panel" aria-labelledby={historyId}>
        <h2 id={historyId} className="panel__title">
          {t.counter.history.heading}
        </h2>
        <p className="panel__empty">{t.counter.history.empty}</p>
      </section>
    </Page>
  );
}
