/** FR | DE: switches the whole counter and remembers the choice. */
import { Fragment } from "react";
import { LANGUAGE_AUTONYMS, LANGUAGES } from "../i18n/language";
import { useI18n } from "../i18n/useI18n";

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();

  return (
    <div role="group" aria-label={t.header.languageSwitch} className="language-switch">
      {LANGUAGES.map((candidate, index) => (
        <Fragment key={candidate}>
          {index > 0 && (
            <span className="language-switch__separator" aria-hidden="true">
              |
            </span>
          )}
          <button
            type="button"
            lang={candidate}
            className="language-switch__button"
            aria-label={LANGUAGE_AUTONYMS[candidate]}
            aria-pressed={candidate === language}
            onClick={() => {
              setLanguage(candidate);
            }}
          >
            {candidate.toUpperCase()}
          </button>
        </Fragment>
      ))}
    </div>
  );
}
