import { describe, expect, it } from "vitest";
import { matchPath } from "./matchPath";

describe("matchPath", () => {
  it("matches the root", () => {
    expect(matchPath("/", "/")).toEqual({});
  });

  it("captures named segments", () => {
    expect(matchPath("/factures/nouvelle/:type", "/factures/nouvelle/autre-facture")).toEqual({
      type: "autre-facture",
    });
  });

  it("tolerates a trailing slash", () => {
    expect(matchPath("/mon-compte", "/mon-compte/")).toEqual({});
  });

  it("refuses other paths", () => {
    expect(matchPath("/mon-compte", "/ma-societe")).toBeNull();
    expect(matchPath("/factures/nouvelle/:type", "/factures/nouvelle")).toBeNull();
    expect(matchPath("/", "/factures")).toBeNull();
  });

  it("refuses a malformed escape instead of throwing", () => {
    expect(matchPath("/factures/nouvelle/:type", "/factures/nouvelle/%E0%A4%A")).toBeNull();
  });
});
