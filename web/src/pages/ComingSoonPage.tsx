/** A page whose content a later piece of work brings: its title and an honest notice. */
import { Page } from "../layout/Page";
import { BackHomeLink } from "./BackHomeLink";

interface Props {
  readonly title: string;
  readonly notice: string;
  readonly subtitle?: string;
}

export function ComingSoonPage({ title, notice, subtitle }: Props) {
  return (
    <Page title={title}>
      {subtitle !== undefined && <p className="page__subtitle">{subtitle}</p>}
      <p className="notice">{notice}</p>
      <BackHomeLink />
    </Page>
  );
}
