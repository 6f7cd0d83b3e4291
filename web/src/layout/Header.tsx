/**
 * The counter's banner: office, language switch, and for a signed-in user the new-invoice menu
 * and the user menu.
 */
import { office } from "../config/office";
import { useI18n } from "../i18n/useI18n";
import { Link } from "../router/Link";
import { paths } from "../router/paths";
import { sessionUser, useSession } from "../session/session";
import { LanguageSwitch } from "./LanguageSwitch";
import { NewInvoiceMenu } from "./NewInvoiceMenu";
import { UserMenu } from "./UserMenu";

export function Header() {
  const { t, language } = useI18n();
  const user = sessionUser(useSession());

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to={paths.counter} className="brand">
          <span className="brand__mark" aria-hidden="true">
            {office.mark[language]}
          </span>
          <span className="brand__text">
            <span className="brand__office">{office.name[language]}</span>{" "}
            <span className="brand__tagline">{t.app.tagline}</span>
          </span>
        </Link>
        <div className="site-header__actions">
          {user !== null && <NewInvoiceMenu />}
          <LanguageSwitch />
          {user !== null && <UserMenu user={user} />}
        </div>
      </div>
    </header>
  );
}
