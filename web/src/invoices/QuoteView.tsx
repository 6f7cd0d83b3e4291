/** The server's lines and total for what is typed so far, and its warnings for the office. */
import { useId } from "react";
import type { Quote } from "../api/invoices";
import { useI18n } from "../i18n/useI18n";
import { formatMoney } from "./format";

export type QuoteState =
  | { readonly status: "incomplete" }
  | { readonly status: "loading"; readonly last: Quote | null }
  | { readonly status: "ready"; readonly quote: Quote }
  | { readonly status: "refused"; readonly messages: readonly string[] };

export function QuoteView({ state }: { readonly state: QuoteState }) {
  const { t } = useI18n();
  const f = t.invoices.form;
  const c = f.quoteColumns;
  const titleId = useId();
  const quote =
    state.status === "ready" ? state.quote : state.status === "loading" ? state.last : null;

  return (
    <section
      className="panel quote"
      aria-labelledby={titleId}
      aria-busy={state.status === "loading"}
    >
      <h2 id={titleId} className="panel__title">
        {f.totalTitle}
      </h2>
      {state.status === "incomplete" && <p className="muted">{f.quotePending}</p>}
      {state.status === "refused" && (
        <div className="muted">
          <p>{f.quoteRefused}</p>
          <ul>
            {state.messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}
      {quote !== null && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{c.label}</th>
                <th scope="col">{c.details}</th>
                <th scope="col" className="number">
                  {c.quantity}
                </th>
                <th scope="col" className="number">
                  {c.unitPrice}
                </th>
                <th scope="col" className="number">
                  {c.amount}
                </th>
              </tr>
            </thead>
            <tbody>
              {quote.lines.map((line, index) => (
                <tr key={index}>
                  <td>{line.label}</td>
                  <td>{line.details}</td>
                  <td className="number">{line.quantity}</td>
                  <td className="number">{formatMoney(line.unit_price)}</td>
                  <td className="number">{formatMoney(line.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {f.total}
                </th>
                <td className="number">
                  <output aria-label={f.total} className="quote__total">
                    CHF {formatMoney(quote.total)}
                  </output>
                </td>
              </tr>
            </tfoot>
          </table>
          {quote.warnings.length > 0 && (
            <div className="notice">
              <p>{f.warnings}</p>
              <ul>
                {quote.warnings.map((warning) => (
                  <li key={warning.code + warning.message}>{warning.message}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {state.status === "loading" && (
        <p role="status" className="muted">
          {f.quoteUpdating}
        </p>
      )}
    </section>
  );
}
