import { describe, expect, it } from "vitest";
import type { Problem } from "../api/problem";
import { problemFrom } from "../api/problem";
import { de } from "../i18n/de";
import { fr } from "../i18n/fr";
import {
  formErrorsFromChecks,
  formErrorsFromProblem,
  hasErrors,
  normaliseFieldPath,
  owningField,
  problemMessage,
} from "./formErrors";

const REGISTRATION = [
  "company.name",
  "company.gln",
  "company.uid",
  "manager.email",
  "manager.password",
  "terms_accepted",
] as const;

function validation(errors: { field: string; code: string; message: string }[]): Problem {
  return { status: 422, code: "validation_failed", errors };
}

describe("field paths", () => {
  it("drops the prefixes some servers add", () => {
    expect(normaliseFieldPath("company.gln")).toBe("company.gln");
    expect(normaliseFieldPath("body.company.gln")).toBe("company.gln");
    expect(normaliseFieldPath("$.manager.email")).toBe("manager.email");
  });

  it("finds the field an error belongs to, or the closest one containing it", () => {
    expect(owningField("company.gln", REGISTRATION)).toBe("company.gln");
    expect(owningField("manager.password.length", REGISTRATION)).toBe("manager.password");
    expect(owningField("company", REGISTRATION)).toBeNull();
    expect(owningField("company.glnx", REGISTRATION)).toBeNull();
    expect(owningField("lines[2].date", ["lines", "lines[2].date"])).toBe("lines[2].date");
    expect(owningField("lines[2].amount", ["lines", "lines[2].date"])).toBe("lines");
  });
});

describe("problem+json → form errors", () => {
  it("puts each server error under its field, in the server's words", () => {
    const errors = formErrorsFromProblem(
      validation([
        { field: "company.gln", code: "gln_taken", message: "Ce GLN est déjà inscrit." },
        {
          field: "manager.email",
          code: "email_taken",
          message: "Cette adresse est déjà utilisée.",
        },
      ]),
      REGISTRATION,
      fr,
    );
    expect(errors).toEqual({
      fields: {
        "company.gln": "Ce GLN est déjà inscrit.",
        "manager.email": "Cette adresse est déjà utilisée.",
      },
      general: [],
    });
  });

  it("joins several messages for one field, once each", () => {
    const errors = formErrorsFromProblem(
      validation([
        { field: "manager.password", code: "too_short", message: "Trop court." },
        { field: "manager.password", code: "common", message: "Trop courant." },
        { field: "manager.password", code: "common", message: "Trop courant." },
      ]),
      REGISTRATION,
      fr,
    );
    expect(errors.fields["manager.password"]).toBe("Trop court. Trop courant.");
  });

  it("keeps errors of fields the form does not have, in general", () => {
    const errors = formErrorsFromProblem(
      validation([{ field: "account_type", code: "literal_error", message: "Valeur inconnue." }]),
      REGISTRATION,
      fr,
    );
    expect(errors).toEqual({ fields: {}, general: ["Valeur inconnue."] });
  });

  it("falls back to a generic message when the server gives none", () => {
    const errors = formErrorsFromProblem(
      validation([{ field: "company.uid", code: "invalid", message: "" }]),
      REGISTRATION,
      de,
    );
    expect(errors.fields["company.uid"]).toBe("Ungültiger Wert.");
  });

  it("explains a problem without field errors", () => {
    const conflict: Problem = {
      status: 409,
      code: "conflict",
      detail: "Déjà inscrit.",
      errors: [],
    };
    expect(formErrorsFromProblem(conflict, REGISTRATION, fr)).toEqual({
      fields: {},
      general: ["Déjà inscrit."],
    });
  });

  it("reads the server's answer, errors and extras included", () => {
    const problem = problemFrom(422, new Headers(), {
      type: "about:blank",
      status: 422,
      code: "invalid_code",
      attempts_left: 3,
      errors: [{ field: "code", code: "invalid_code", message: "Code faux." }, "junk"],
    });
    expect(problem).toMatchObject({
      status: 422,
      code: "invalid_code",
      attemptsLeft: 3,
      errors: [{ field: "code", code: "invalid_code", message: "Code faux." }],
    });
    expect(problem.errors).toHaveLength(1);
  });

  it("prefers identity's message for people over the detail for developers", () => {
    const problem = problemFrom(403, new Headers(), {
      status: 403,
      code: "account_suspended",
      detail: "account status suspended",
      message: "Ce compte est suspendu.",
    });
    expect(problemMessage(problem, fr)).toBe("Ce compte est suspendu.");
  });

  it("treats a 429 without a problem document as the gateway's rate limit", () => {
    const problem = problemFrom(429, new Headers({ "retry-after": "60" }), undefined);
    expect(problem).toEqual({ status: 429, code: "rate_limited", errors: [], retryAfter: 60 });
    expect(problemMessage(problem, fr)).toBe(
      "Trop de demandes en peu de temps. Veuillez réessayer dans une minute.",
    );
  });

  it.each([
    [{ status: 0, code: "network_error", errors: [] }, "Der Server antwortet nicht."],
    [{ status: 500, code: "internal_error", errors: [] }, "Ein Fehler ist aufgetreten."],
    [{ status: 502, code: "http_error", errors: [] }, "Ein Fehler ist aufgetreten."],
  ] as [Problem, string][])("says what went wrong (%o)", (problem, start) => {
    expect(problemMessage(problem, de)).toMatch(new RegExp(`^${start}`));
  });
});

describe("client checks → form errors", () => {
  it("words each failed check with the field's label", () => {
    const errors = formErrorsFromChecks(
      { "company.name": "required", "company.gln": "glnCheckDigit", "company.uid": null },
      { "company.name": "Nom de la société", "company.gln": "GLN" },
      fr,
    );
    expect(errors).toEqual({
      fields: {
        "company.name": "Le champ Nom de la société est obligatoire.",
        "company.gln": "Ce GLN n'est pas valable : vérifiez les chiffres saisis.",
      },
      general: [],
    });
    expect(hasErrors(errors)).toBe(true);
    expect(hasErrors(formErrorsFromChecks({ "company.uid": null }, {}, fr))).toBe(false);
  });

  it("says the password's limits", () => {
    const errors = formErrorsFromChecks(
      { password: "passwordTooShort" },
      { password: "Passwort" },
      de,
    );
    expect(errors.fields.password).toBe("Das Passwort muss mindestens 12 Zeichen lang sein.");
  });
});
