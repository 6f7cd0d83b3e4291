/**
 * "Ma société" (guide 4.2), managers only: two tabs, Collaborateurs and Comptes bancaires
 * (WAI-ARIA tabs: arrow keys move between them).
 */
import { useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { BackHomeLink } from "../pages/BackHomeLink";
import { BankAccountsTab } from "./BankAccountsTab";
import { MembersTab } from "./MembersTab";

const TABS = ["members", "bank-accounts"] as const;
type Tab = (typeof TABS)[number];

export function CompanyPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>("members");
  const refs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const labels: Record<Tab, string> = {
    members: t.company.membersTab,
    "bank-accounts": t.company.bankAccountsTab,
  };

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = TABS.indexOf(tab);
    let next: Tab | undefined;
    if (event.key === "ArrowRight") next = TABS[(index + 1) % TABS.length];
    else if (event.key === "ArrowLeft") next = TABS[(index + TABS.length - 1) % TABS.length];
    else if (event.key === "Home") next = TABS[0];
    else if (event.key === "End") next = TABS[TABS.length - 1];
    if (next === undefined) return;
    event.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  }

  return (
    <Page title={t.company.title}>
      <BackHomeLink />
      <div role="tablist" aria-label={t.company.tabs} className="tabs">
        {TABS.map((value) => (
          <button
            key={value}
            ref={(element) => {
              refs.current[value] = element;
            }}
            type="button"
            role="tab"
            id={`company-tab-${value}`}
            aria-selected={tab === value}
            aria-controls={`company-panel-${value}`}
            tabIndex={tab === value ? 0 : -1}
            className="tabs__tab"
            onKeyDown={onKeyDown}
            onClick={() => {
              setTab(value);
            }}
          >
            {labels[value]}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`company-panel-${tab}`}
        aria-labelledby={`company-tab-${tab}`}
        className="tabs__panel"
      >
        {tab === "members" ? <MembersTab /> : <BankAccountsTab />}
      </div>
    </Page>
  );
}
