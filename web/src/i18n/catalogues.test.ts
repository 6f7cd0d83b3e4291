import { describe, expect, it } from "vitest";
import { catalogues } from "./catalogues";

// The compiler already refuses a missing key; this also catches empty texts and functions
// whose parameters differ between languages.
function describeShape(value: unknown, path = ""): string[] {
  if (typeof value === "string") return [`${path}: string${value.trim() === "" ? " (empty)" : ""}`];
  if (typeof value === "function") return [`${path}: function/${String(value.length)}`];
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([key, child]) => describeShape(child, `${path}.${key}`));
  }
  return [`${path}: ${typeof value}`];
}

describe("message catalogues", () => {
  it("German has exactly the French keys", () => {
    expect(describeShape(catalogues.de)).toEqual(describeShape(catalogues.fr));
  });

  it("has no empty text", () => {
    for (const catalogue of Object.values(catalogues)) {
      expect(describeShape(catalogue).filter((line) => line.endsWith("(empty)"))).toEqual([]);
    }
  });
});
