/** The office's postal address and support phone. */
import { office } from "../config/office";
import { useI18n } from "../i18n/useI18n";

export function Footer() {
  const { t, language } = useI18n();

  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <address className="site-footer__address">
          <strong>{office.fullName[language]}</strong>
          {office.postalAddress[language].map((line) => (
            <span key={line}>{line}</span>
          ))}
        </address>
        <p className="site-footer__contact">
          {t.footer.contact} · {t.footer.phone}{" "}
          <a href={`tel:${office.phoneE164}`}>{office.phone}</a>
        </p>
      </div>
    </footer>
  );
}
