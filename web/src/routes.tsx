/** Which page answers which address. */
import type { ReactNode } from "react";
import { useI18n } from "./i18n/useI18n";
import { CounterPage } from "./pages/CounterPage";
import { ComingSoonPage } from "./pages/ComingSoonPage";
import { NewInvoicePage } from "./pages/NewInvoicePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import type { Messages } from "./i18n/messages";
import { matchPath, type Params } from "./router/matchPath";
import { paths } from "./router/paths";

interface Route {
  readonly pattern: string;
  readonly render: (params: Params, t: Messages) => ReactNode;
}

const routes: readonly Route[] = [
  { pattern: paths.counter, render: () => <CounterPage /> },
  {
    pattern: paths.newInvoicePattern,
    render: (params) => <NewInvoicePage typeId={params.type ?? ""} />,
  },
  {
    pattern: paths.account,
    render: (_, t) => <ComingSoonPage title={t.userMenu.account} notice={t.comingSoon} />,
  },
  {
    pattern: paths.company,
    render: (_, t) => <ComingSoonPage title={t.userMenu.company} notice={t.comingSoon} />,
  },
  {
    pattern: paths.beneficiaries,
    render: (_, t) => <ComingSoonPage title={t.userMenu.beneficiaries} notice={t.comingSoon} />,
  },
  {
    pattern: paths.signIn,
    render: (_, t) => <ComingSoonPage title={t.signIn.title} notice={t.signIn.comingSoon} />,
  },
];

interface Props {
  readonly pathname: string;
}

export function RouteOutlet({ pathname }: Props) {
  const { t } = useI18n();
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params !== null) return route.render(params, t);
  }
  return <NotFoundPage />;
}
