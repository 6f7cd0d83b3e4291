/** How dates and amounts read on the counter: dd.mm.yyyy in Zurich time, Swiss francs. */

const zurichDate = new Intl.DateTimeFormat("de-CH", {
  timeZone: "Europe/Zurich",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** `2025-07-03` → `03.07.2025`; a timestamp → its day in Zurich. */
export function formatDate(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) return `${day[3] ?? ""}.${day[2] ?? ""}.${day[1] ?? ""}`;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : zurichDate.format(at);
}

const francs = new Intl.NumberFormat("de-CH", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** The server's money string (`1650.00`) → `1’650.00` (the apostrophe depends on the ICU data). */
export function formatMoney(value: string): string {
  const amount = Number(value);
  return Number.isFinite(amount) ? francs.format(amount) : value;
}
