/**
 * Choosing the invoice's beneficiary: a search by name or AVS number over the company's
 * beneficiaries (as one types), then a button per match; once chosen, the name with a way to
 * change it.
 */
import { useEffect, useId, useState } from "react";
import { beneficiaryApi, type BeneficiaryRow } from "../api/beneficiaries";
import { compactDigits } from "../forms/checks";
import { TextField } from "../forms/fields";
import { useI18n } from "../i18n/useI18n";
import { useSessionManager } from "../session/session";
import type { ChosenBeneficiary } from "./invoiceForm";

export const SEARCH_DELAY_MS = 300;
const MATCHES = 8;

interface Props {
  readonly id: string;
  readonly value: ChosenBeneficiary | null;
  readonly onChange: (beneficiary: ChosenBeneficiary | null) => void;
  readonly error?: string | undefined;
}

/** Digits (with dots or spaces) search the AVS number, anything else the name. */
function filtersOf(text: string) {
  const trimmed = text.trim();
  return /^[\d.\s]+$/.test(trimmed) ? { avs: compactDigits(trimmed) } : { name: trimmed };
}

export function BeneficiaryPicker({ id, value, onChange, error }: Props) {
  const { t, language } = useI18n();
  const session = useSessionManager();
  const f = t.invoices.form;
  const [search, setSearch] = useState("");
  const [matches, setMatches] = useState<readonly BeneficiaryRow[] | null>(null);
  const matchesId = useId();

  useEffect(() => {
    if (value !== null || search.trim() === "") return;
    let current = true;
    const timer = setTimeout(() => {
      void beneficiaryApi(session, language)
        .list({ ...filtersOf(search), limit: MATCHES })
        .then((result) => {
          if (current && result.ok) setMatches(result.data.items);
        });
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, value, session, language]);

  if (value !== null) {
    return (
      <div className="field">
        <p className="field__label">{f.beneficiary}</p>
        <p className="chosen" id={id} tabIndex={-1}>
          <strong>{value.name}</strong> <span className="nowrap">{value.avs}</span>{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setSearch("");
              setMatches(null);
              onChange(null);
            }}
          >
            {f.changeBeneficiary}
          </button>
        </p>
      </div>
    );
  }

  return (
    <div className="beneficiary-picker">
      <TextField
        id={id}
        label={f.beneficiarySearch}
        hint={f.beneficiarySearchHint}
        value={search}
        onChange={(text) => {
          setSearch(text);
          if (text.trim() === "") setMatches(null);
        }}
        error={error}
        autoComplete="off"
        spellCheck={false}
      />
      {matches !== null && search.trim() !== "" && (
        <div role="group" aria-labelledby={matchesId} className="beneficiary-picker__matches">
          <p id={matchesId} className="visually-hidden">
            {f.beneficiaryMatches}
          </p>
          {matches.length === 0 && <p className="muted">{f.noBeneficiaryMatch}</p>}
          <ul className="plain-list">
            {matches.map((row) => {
              const name = `${row.last_name} ${row.first_name}`;
              return (
                <li key={row.id}>
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-label={f.chooseBeneficiary(`${name} ${row.avs}`)}
                    onClick={() => {
                      onChange({ id: row.id, name, avs: row.avs });
                    }}
                  >
                    {name} <span className="nowrap">{row.avs}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
