/** The frame around every page: skip link, banner, main content, footer. */
import type { ReactNode } from "react";
import { useI18n } from "../i18n/useI18n";
import { Footer } from "./Footer";
import { Header } from "./Header";
import "./layout.css";

export const MAIN_CONTENT_ID = "main-content";

interface Props {
  readonly children: ReactNode;
}

export function AppLayout({ children }: Props) {
  const { t } = useI18n();

  return (
    <div className="app">
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t.skipToContent}
      </a>
      <Header />
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="page">
        {children}
      </main>
      <Footer />
    </div>
  );
}
