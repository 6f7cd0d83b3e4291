/**
 * "Guichet", the home page (guide 4 and 4.6): "Demandes à corriger" and "Historique des
 * factures", newest first, filtered by who sent them, the beneficiary (name or AVS number)
 * and, in the history, the status; each row opens the request, the history offers its PDF.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import {
  INVOICE_STATUSES,
  invoiceApi,
  type InvoiceRow,
  type InvoiceStatus,
  type Submitter,
} from "../api/invoices";
import { DocumentIcon } from "../components/icons";
import { SelectField, TextField } from "../forms/fields";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { Link } from "../router/Link";
import { paths } from "../router/paths";
import { useSessionManager } from "../session/session";
import { formatDate } from "./format";
import { PdfButton } from "./PdfButton";
import "./invoices.css";

/** Typing pauses this long before the list is asked again. */
export const FILTER_DELAY_MS = 300;
const PAGE_SIZE = 50;

type View = "to_correct" | "history";

interface Filters {
  readonly submittedBy: string;
  readonly beneficiary: string;
  readonly status: InvoiceStatus | "";
}

const noFilters: Filters = { submittedBy: "", beneficiary: "", status: "" };

interface ListProps {
  readonly view: View;
  readonly submitters: readonly Submitter[];
}

function InvoiceList({ view, submitters }: ListProps) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const c = t.invoices.counter;
  const section = view === "to_correct" ? t.counter.toCorrect : t.counter.history;
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [rows, setRows] = useState<readonly InvoiceRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [version, setVersion] = useState(0);
  const request = useRef(0);
  const titleId = useId();
  const prefix = `counter-${view}`;

  // The text filter applies once typing pauses; the selects at once.
  useEffect(() => {
    if (filters === applied) return;
    const typing = filters.beneficiary !== applied.beneficiary;
    const timer = setTimeout(
      () => {
        setApplied(filters);
      },
      typing ? FILTER_DELAY_MS : 0,
    );
    return () => {
      clearTimeout(timer);
    };
  }, [filters, applied]);

  const fetchPage = useCallback(
    (cursor: string | null) => {
      request.current += 1;
      const mine = request.current;
      return invoiceApi(session, language)
        .list({ view, ...applied, cursor, limit: PAGE_SIZE })
        .then((result) => {
          // An answer to older filters (or an older page) is ignored.
          if (mine !== request.current) return;
          if (result.ok) {
            setRows((current) =>
              cursor === null ? result.data.items : [...(current ?? []), ...result.data.items],
            );
            setNextCursor(result.data.next_cursor);
            setFailed(false);
          } else {
            setFailed(true);
          }
        });
    },
    [session, language, view, applied],
  );

  useEffect(() => {
    void fetchPage(null);
    return () => {
      request.current += 1;
    };
  }, [fetchPage, version]);

  const filtered = applied !== noFilters;
  const history = view === "history";

  return (
    <section className="panel" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel__title">
        {section.heading}
      </h2>
      <div role="search" className="filters" aria-label={`${c.filters} – ${section.heading}`}>
        <div className="filters__row">
          <SelectField
            id={`${prefix}-responsible`}
            label={c.responsible}
            optional
            value={filters.submittedBy}
            placeholder={c.all}
            options={submitters.map((s) => ({ value: s.account_id, label: s.name }))}
            onChange={(submittedBy) => {
              setFilters((current) => ({ ...current, submittedBy }));
            }}
          />
          <TextField
            id={`${prefix}-beneficiary`}
            label={c.beneficiary}
            hint={c.beneficiaryHint}
            optional
            value={filters.beneficiary}
            onChange={(beneficiary) => {
              setFilters((current) => ({ ...current, beneficiary }));
            }}
            autoComplete="off"
            spellCheck={false}
          />
          {history && (
            <SelectField
              id={`${prefix}-status`}
              label={c.status}
              optional
              value={filters.status}
              placeholder={c.all}
              options={INVOICE_STATUSES.map((status) => ({
                value: status,
                label: t.invoices.statuses[status],
              }))}
              onChange={(status) => {
                setFilters((current) => ({ ...current, status: status as InvoiceStatus | "" }));
              }}
            />
          )}
        </div>
      </div>
      {failed && (
        <div className="notice notice--error" role="alert">
          <p>{c.loadFailed}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setVersion((current) => current + 1);
            }}
          >
            {c.retry}
          </button>
        </div>
      )}
      {rows === null && !failed && (
        <p role="status" className="loading">
          {c.loading}
        </p>
      )}
      {rows !== null && rows.length === 0 && (
        <p role="status" className="panel__empty">
          {filtered ? c.noMatch : section.empty}
        </p>
      )}
      {rows !== null && rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{c.responsible}</th>
              <th scope="col">{c.beneficiary}</th>
              <th scope="col">{c.form}</th>
              {history && <th scope="col">{c.status}</th>}
              <th scope="col">{history ? c.submittedAt : c.updatedAt}</th>
              {history && (
                <th scope="col">
                  <span className="visually-hidden">{c.pdf}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const b = row.beneficiary;
              const name = `${b.last_name} ${b.first_name}`;
              return (
                <tr key={row.id}>
                  <td>{row.submitted_by.name}</td>
                  <td>
                    {name} <span className="nowrap">{b.avs}</span>
                  </td>
                  <td>
                    <Link to={paths.invoice(row.id)}>{row.summary}</Link>
                  </td>
                  {history && <td>{t.invoices.statuses[row.status]}</td>}
                  <td className="nowrap">
                    {formatDate(history ? row.submitted_at : row.updated_at)}
                  </td>
                  {history && (
                    <td className="table__actions">
                      <PdfButton
                        invoiceId={row.id}
                        reference={row.reference}
                        label={t.invoices.pdf.downloadRow(row.summary, name)}
                        className="icon-button"
                      >
                        <DocumentIcon />
                      </PdfButton>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {nextCursor !== null && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void fetchPage(nextCursor)}
          >
            {c.more}
          </button>
        </p>
      )}
    </section>
  );
}

export function CounterPage() {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const [submitters, setSubmitters] = useState<readonly Submitter[]>([]);

  useEffect(() => {
    let current = true;
    void invoiceApi(session, language)
      .submitters()
      .then((result) => {
        if (current && result.ok) setSubmitters(result.data);
      });
    return () => {
      current = false;
    };
  }, [session, language]);

  return (
    <Page title={t.counter.title}>
      <InvoiceList view="to_correct" submitters={submitters} />
      <InvoiceList view="history" submitters={submitters} />
    </Page>
  );
}
