/** "← Retourner sur la page d'accueil", as on the office's screens. */
import { useI18n } from "../i18n/useI18n";
import { Link } from "../router/Link";
import { paths } from "../router/paths";

export function BackHomeLink() {
  const { t } = useI18n();
  return (
    <p>
      <Link to={paths.counter} className="back-link">
        <span aria-hidden="true">← </span>
        {t.backHome}
      </Link>
    </p>
  );
}
