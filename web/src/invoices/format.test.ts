import { describe, expect, it } from "vitest";
import { formatDate, formatMoney } from "./format";

describe("counter formats", () => {
  it("writes days as dd.mm.yyyy, timestamps in Zurich time", () => {
    expect(formatDate("2025-07-03")).toBe("03.07.2025");
    // 23:30 UTC on 31 December is already 1 January in Zurich.
    expect(formatDate("2024-12-31T23:30:00Z")).toBe("01.01.2025");
  });

  it("writes francs with two decimals and Swiss grouping", () => {
    expect(formatMoney("1650")).toMatch(/^1['’]650\.00$/);
    expect(formatMoney("11.5")).toBe("11.50");
  });
});
