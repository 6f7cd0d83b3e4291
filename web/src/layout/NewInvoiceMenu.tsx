/** "+ Nouvelle facture": the ten invoice types with their form numbers. */
import { MenuButton, type MenuItem } from "../components/MenuButton";
import { useI18n } from "../i18n/useI18n";
import { INVOICE_TYPES } from "../invoices/invoiceTypes";
import { paths } from "../router/paths";

export function NewInvoiceMenu() {
  const { t } = useI18n();

  const items: MenuItem[] = INVOICE_TYPES.map((type) => ({
    key: type.id,
    to: paths.newInvoice(type.id),
    content: (
      <>
        <span className="invoice-type__label">{t.invoiceTypes[type.id]}</span>{" "}
        <span className="invoice-type__form">{type.form}</span>
      </>
    ),
  }));

  return (
    <MenuButton
      label={
        <>
          <span aria-hidden="true">+ </span>
          {t.header.newInvoice}
        </>
      }
      items={items}
      buttonClassName="button button--primary"
      menuClassName="invoice-type-menu"
    />
  );
}
