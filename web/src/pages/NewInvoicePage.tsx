/** Entry point of one invoice type's form (the forms themselves come later). */
import { useI18n } from "../i18n/useI18n";
import { findInvoiceType } from "../invoices/invoiceTypes";
import { ComingSoonPage } from "./ComingSoonPage";
import { NotFoundPage } from "./NotFoundPage";

interface Props {
  readonly typeId: string;
}

export function NewInvoicePage({ typeId }: Props) {
  const { t } = useI18n();
  const type = findInvoiceType(typeId);
  if (type === undefined) return <NotFoundPage />;

  return (
    <ComingSoonPage
      title={t.invoiceTypes[type.id]}
      subtitle={t.newInvoice.formNumber(type.form)}
      notice={t.newInvoice.comingSoon}
    />
  );
}
