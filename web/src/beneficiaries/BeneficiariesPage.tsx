/**
 * "Bénéficiaires" (guide 4.3): the institution's beneficiaries by name, filtered by name /
 * first name and by AVS number as one types; pencil to edit, bin to remove (after a
 * confirmation), an icon when a power of attorney is on file; "more" pages through.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { beneficiaryApi, type BeneficiaryRow } from "../api/beneficiaries";
import type { Problem } from "../api/problem";
import { ConfirmRemoval } from "../components/ConfirmRemoval";
import { BinIcon, DocumentIcon, PencilIcon } from "../components/icons";
import { Notice, type NoticeState } from "../components/Notice";
import { TextField } from "../forms/fields";
import { problemMessage } from "../forms/formErrors";
import { useI18n } from "../i18n/useI18n";
import { Page } from "../layout/Page";
import { BackHomeLink } from "../pages/BackHomeLink";
import { Link } from "../router/Link";
import { historyState } from "../router/location";
import { paths } from "../router/paths";
import { useSessionManager } from "../session/session";

/** Typing pauses this long before the list is asked again. */
export const FILTER_DELAY_MS = 300;
const PAGE_SIZE = 50;

export const beneficiaryPath = (id: string) => `${paths.beneficiaries}/${encodeURIComponent(id)}`;

function savedNotice(): string | null {
  const state = historyState();
  if (typeof state !== "object" || state === null || !("saved" in state)) return null;
  return typeof state.saved === "string" ? state.saved : null;
}

interface Filters {
  readonly name: string;
  readonly avs: string;
}

export function BeneficiariesPage() {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const b = t.beneficiaries;
  const [filters, setFilters] = useState<Filters>({ name: "", avs: "" });
  const [applied, setApplied] = useState<Filters>(filters);
  const [rows, setRows] = useState<readonly BeneficiaryRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [removing, setRemoving] = useState<BeneficiaryRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(() => {
    const saved = savedNotice();
    return saved === null ? null : { kind: "success", text: b.saved(saved) };
  });
  const request = useRef(0);
  const filtersId = useId();

  // Filters apply once typing pauses.
  useEffect(() => {
    if (filters.name === applied.name && filters.avs === applied.avs) return;
    const timer = setTimeout(() => {
      setApplied(filters);
    }, FILTER_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [filters, applied]);

  const [version, setVersion] = useState(0);
  const reload = () => {
    setVersion((current) => current + 1);
  };

  const fetchPage = useCallback(
    (cursor: string | null) => {
      request.current += 1;
      const mine = request.current;
      return beneficiaryApi(session, language)
        .list({ name: applied.name, avs: applied.avs, cursor, limit: PAGE_SIZE })
        .then((result) => {
          // An answer to older filters (or an older page) is ignored.
          if (mine !== request.current) return;
          if (result.ok) {
            setRows((current) =>
              cursor === null ? result.data.items : [...(current ?? []), ...result.data.items],
            );
            setNextCursor(result.data.next_cursor);
            setLoadProblem(null);
          } else {
            setLoadProblem(result.problem);
          }
        });
    },
    [session, language, applied],
  );

  useEffect(() => {
    void fetchPage(null);
    return () => {
      request.current += 1;
    };
  }, [fetchPage, version]);

  async function remove(row: BeneficiaryRow) {
    setBusy(true);
    const result = await beneficiaryApi(session, language).remove(row.id);
    setBusy(false);
    setRemoving(null);
    const name = `${row.last_name} ${row.first_name}`;
    if (result.ok) {
      setNotice({
        kind: "success",
        text: result.data.archived ? b.archived(name) : b.removed(name),
      });
      reload();
    } else {
      setNotice({ kind: "error", text: problemMessage(result.problem, t) });
    }
  }

  const filtered = applied.name.trim() !== "" || applied.avs.trim() !== "";

  return (
    <Page title={b.title}>
      <div className="page__actions">
        <Link to={paths.newBeneficiary} className="button button--primary">
          <span aria-hidden="true">+ </span>
          {b.add}
        </Link>
      </div>
      <BackHomeLink />
      {notice !== null && <Notice notice={notice} />}
      <div role="search" className="filters" aria-labelledby={filtersId}>
        <h2 id={filtersId} className="visually-hidden">
          {b.filters}
        </h2>
        <div className="field-row">
          <TextField
            id="beneficiaries-filter-name"
            label={b.filterName}
            hint={b.filterNameHint}
            optional
            value={filters.name}
            onChange={(name) => {
              setFilters((current) => ({ ...current, name }));
            }}
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            id="beneficiaries-filter-avs"
            label={b.filterAvs}
            hint={b.filterAvsHint}
            optional
            value={filters.avs}
            onChange={(avs) => {
              setFilters((current) => ({ ...current, avs }));
            }}
            autoComplete="off"
            inputMode="numeric"
            spellCheck={false}
          />
        </div>
      </div>
      {loadProblem !== null && (
        <div className="notice notice--error" role="alert">
          <p>{b.loadFailed}</p>
          <button type="button" className="button button--secondary" onClick={reload}>
            {b.retry}
          </button>
        </div>
      )}
      {rows === null && loadProblem === null && (
        <p role="status" className="loading">
          {b.loading}
        </p>
      )}
      {rows !== null && (
        <p role="status" className={rows.length === 0 ? "panel__empty" : "visually-hidden"}>
          {rows.length === 0 ? (filtered ? b.noMatch : b.empty) : b.count(rows.length)}
        </p>
      )}
      {rows !== null && rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{b.name}</th>
              <th scope="col">{b.avs}</th>
              <th scope="col">{b.locality}</th>
              <th scope="col">{b.powerOfAttorney}</th>
              <th scope="col">
                <span className="visually-hidden">{b.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = `${row.last_name} ${row.first_name}`;
              return (
                <tr key={row.id}>
                  <th scope="row">{name}</th>
                  <td className="nowrap">{row.avs}</td>
                  <td>
                    {row.postcode} {row.locality}
                  </td>
                  <td>
                    {row.has_power_of_attorney ? (
                      <span className="icon-cell" title={b.hasPowerOfAttorney}>
                        <DocumentIcon />
                        <span className="visually-hidden">{b.hasPowerOfAttorney}</span>
                      </span>
                    ) : (
                      <span className="visually-hidden">{b.noPowerOfAttorney}</span>
                    )}
                  </td>
                  <td className="table__actions">
                    <Link
                      to={beneficiaryPath(row.id)}
                      className="icon-button"
                      aria-label={b.edit(name)}
                      title={b.edit(name)}
                    >
                      <PencilIcon />
                    </Link>
                    <button
                      type="button"
                      className="icon-button icon-button--danger"
                      aria-label={b.remove(name)}
                      title={b.remove(name)}
                      onClick={() => {
                        setNotice(null);
                        setRemoving(row);
                      }}
                    >
                      <BinIcon />
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {removing !== null && (
        <ConfirmRemoval
          text={b.confirmRemoveText(`${removing.last_name} ${removing.first_name}`)}
          confirmLabel={b.confirmRemove}
          cancelLabel={b.cancel}
          busy={busy}
          onConfirm={() => void remove(removing)}
          onCancel={() => {
            setRemoving(null);
          }}
        />
      )}
      {nextCursor !== null && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void fetchPage(nextCursor)}
          >
            {b.more}
          </button>
        </p>
      )}
    </Page>
  );
}
