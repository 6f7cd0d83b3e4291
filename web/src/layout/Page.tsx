/** A page's heading and document title; moves focus to the heading after in-app navigation. */
import { useEffect, useRef, type ReactNode } from "react";
import { office } from "../config/office";
import { useI18n } from "../i18n/useI18n";
import { hasNavigated } from "../router/location";

interface Props {
  readonly title: string;
  readonly children: ReactNode;
}

export function Page({ title, children }: Props) {
  const { t, language } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t.app.documentTitle(title, office.name[language]);
  }, [t, title, language]);

  // Screen-reader and keyboard users land on the new page's heading instead of on a link
  // that no longer exists.
  useEffect(() => {
    if (hasNavigated()) headingRef.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="page__title">
        {title}
      </h1>
      {children}
    </>
  );
}
