/** Which page answers which address, and which addresses need a signed-in user. */
import type { ReactNode } from "react";
import { useI18n } from "./i18n/useI18n";
import type { Messages } from "./i18n/messages";
import { BeneficiariesPage } from "./beneficiaries/BeneficiariesPage";
import { EditBeneficiaryPage, NewBeneficiaryPage } from "./beneficiaries/BeneficiaryFormPage";
import { CompanyPage } from "./company/CompanyPage";
import { AccountPage } from "./pages/AccountPage";
import { CounterPage } from "./invoices/CounterPage";
import { InvoicePage } from "./invoices/InvoicePage";
import { NewInvoicePage } from "./invoices/NewInvoicePage";
import { ForgotPasswordPage } from "./pages/ForgotPasswordPage";
import { InvitationPage } from "./pages/InvitationPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RegistrationPage } from "./pages/registration/RegistrationPage";
import { RegistrationSentPage } from "./pages/RegistrationSentPage";
import { ResetPasswordPage } from "./pages/ResetPasswordPage";
import { SignInPage } from "./pages/SignInPage";
import { matchPath, type Params } from "./router/matchPath";
import { paths } from "./router/paths";
import { RequireSession } from "./session/RequireSession";
import type { Role } from "./session/session";

interface Route {
  readonly pattern: string;
  readonly render: (params: Params, t: Messages) => ReactNode;
  /** Public pages need no session; the others need one (of this role, if given). */
  readonly access: "public" | "signedIn" | Role;
}

const routes: readonly Route[] = [
  { pattern: paths.counter, access: "signedIn", render: () => <CounterPage /> },
  {
    pattern: paths.newInvoicePattern,
    access: "signedIn",
    render: (params) => <NewInvoicePage typeId={params.type ?? ""} />,
  },
  {
    pattern: paths.invoicePattern,
    access: "signedIn",
    render: (params) => <InvoicePage invoiceId={params.id ?? ""} />,
  },
  { pattern: paths.account, access: "signedIn", render: () => <AccountPage /> },
  { pattern: paths.company, access: "manager", render: () => <CompanyPage /> },
  { pattern: paths.beneficiaries, access: "signedIn", render: () => <BeneficiariesPage /> },
  { pattern: paths.newBeneficiary, access: "signedIn", render: () => <NewBeneficiaryPage /> },
  {
    pattern: paths.beneficiaryPattern,
    access: "signedIn",
    render: (params) => <EditBeneficiaryPage beneficiaryId={params.id ?? ""} />,
  },
  { pattern: paths.signIn, access: "public", render: () => <SignInPage /> },
  { pattern: paths.registration, access: "public", render: () => <RegistrationPage /> },
  { pattern: paths.registrationSent, access: "public", render: () => <RegistrationSentPage /> },
  { pattern: paths.forgotPassword, access: "public", render: () => <ForgotPasswordPage /> },
  { pattern: paths.resetPassword, access: "public", render: () => <ResetPasswordPage /> },
  { pattern: paths.invitation, access: "public", render: () => <InvitationPage /> },
];

interface Props {
  readonly pathname: string;
}

export function RouteOutlet({ pathname }: Props) {
  const { t } = useI18n();
  for (const route of routes) {
    const params = matchPath(route.pattern, pathname);
    if (params === null) continue;
    const page = route.render(params, t);
    if (route.access === "public") return page;
    return (
      <RequireSession
        {...(route.access !== "signedIn" && { role: route.access })}
        forbidden={<NotFoundPage />}
      >
        {page}
      </RequireSession>
    );
  }
  return <NotFoundPage />;
}
