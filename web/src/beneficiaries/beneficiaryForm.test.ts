import { describe, expect, it } from "vitest";
import type { Problem } from "../api/problem";
import { checkAvs } from "../forms/checks";
import { formErrorsFromProblem } from "../forms/formErrors";
import { fr } from "../i18n/fr";
import {
  beneficiaryFields,
  beneficiaryRequest,
  checkBeneficiary,
  emptyBeneficiary,
  emptyText,
  type BeneficiaryValues,
} from "./beneficiaryForm";

const filled: BeneficiaryValues = {
  text: {
    ...emptyText,
    last_name: " Doe ",
    first_name: "Jane",
    birth_date: "2015-03-02",
    "address.street": "Rue du Lac 2",
    "address.postcode": "1000",
    "address.locality": "Lausanne",
    avs: "756.1234.5678.97",
    "representative.name": "Doe Barbara",
    "representative.address.street": "Rue du Lac 2",
    "representative.address.postcode": "1000",
    "representative.address.locality": "Lausanne",
    "representative.relationship": "Mère",
    "bank.iban": "CH93 0076 2011 6238 5295 7",
  },
  hasRepresentative: true,
  decisions: [
    { key: 1, number: "3232 0240 0000 11", description: "Moyens auxiliaires" },
    { key: 2, number: "32320240000029", description: "Appareillage" },
  ],
  document: { id: "doc-1", name: "procuration.pdf" },
};

function problemWith(errors: { field: string; code: string; message: string }[]): Problem {
  return { status: 422, code: "validation_failed", errors };
}

describe("beneficiary form: errors of the server", () => {
  it("puts each error under its field, decisions and representative included", () => {
    const errors = formErrorsFromProblem(
      problemWith([
        { field: "avs", code: "avs", message: "Ce numéro AVS n'est pas valable." },
        { field: "decisions[1].number", code: "decision", message: "Année invalide." },
        {
          field: "representative.address.postcode",
          code: "postcode",
          message: "NPA invalide.",
        },
        { field: "bank.reference", code: "qr_reference_required", message: "Référence QR." },
      ]),
      beneficiaryFields(filled),
      fr,
    );
    expect(errors.fields).toEqual({
      avs: "Ce numéro AVS n'est pas valable.",
      "decisions[1].number": "Année invalide.",
      "representative.address.postcode": "NPA invalide.",
      "bank.reference": "Référence QR.",
    });
    expect(errors.general).toEqual([]);
  });

  it("gives the representative's own errors to the checkbox when its fields are hidden", () => {
    const errors = formErrorsFromProblem(
      problemWith([
        { field: "representative", code: "representative_required", message: "Obligatoire." },
        { field: "body.representative.name", code: "required", message: "Nom requis." },
      ]),
      beneficiaryFields({ ...filled, hasRepresentative: false }),
      fr,
    );
    expect(errors.fields.representative).toBe("Obligatoire. Nom requis.");
  });

  it("keeps errors of unknown fields and field-less problems for the summary", () => {
    expect(
      formErrorsFromProblem(
        problemWith([{ field: "version", code: "stale", message: "Modifié entre-temps." }]),
        beneficiaryFields(filled),
        fr,
      ).general,
    ).toEqual(["Modifié entre-temps."]);
    expect(
      formErrorsFromProblem(
        { status: 409, code: "conflict", detail: "Déjà enregistré.", errors: [] },
        beneficiaryFields(filled),
        fr,
      ).general,
    ).toEqual(["Déjà enregistré."]);
  });

  it("lists the fields in the order of the form", () => {
    expect(beneficiaryFields(emptyBeneficiary)).toEqual([
      "last_name",
      "first_name",
      "birth_date",
      "address.street",
      "address.postcode",
      "address.locality",
      "avs",
      "representative",
      "decisions",
      "bank.iban",
      "bank.holder",
      "bank.reference",
      "power_of_attorney_document_id",
    ]);
  });
});

describe("beneficiary form: client checks and request", () => {
  it("checks the AVS number's check digit (the seed's wrong ones included)", () => {
    expect(checkAvs("756.1234.5678.97")).toBeNull();
    expect(checkAvs("7561234567897")).toBeNull();
    expect(checkAvs("756.0005.0000.02")).toBe("avsCheckDigit");
    expect(checkAvs("756.0005.0000.18")).toBe("avsCheckDigit");
    expect(checkAvs("123.4567.8901.23")).toBe("avsFormat");
    expect(checkAvs(" ")).toBe("required");
  });

  it("asks for the representative only when there is one, and an IBAN with bank details", () => {
    const checks = checkBeneficiary({
      ...emptyBeneficiary,
      text: { ...emptyText, "bank.holder": "Doe Barbara" },
      decisions: [{ key: 1, number: "", description: "x" }],
    });
    expect(checks.last_name).toBe("required");
    expect(checks["representative.name"]).toBeUndefined();
    expect(checks["decisions[0].number"]).toBe("required");
    expect(checks["bank.iban"]).toBe("required");
    expect(checkBeneficiary(filled)["representative.name"]).toBeNull();
  });

  it("sends compact numbers, null for what is absent", () => {
    expect(beneficiaryRequest(filled)).toEqual({
      last_name: "Doe",
      first_name: "Jane",
      birth_date: "2015-03-02",
      address: { street: "Rue du Lac 2", postcode: "1000", locality: "Lausanne" },
      avs: "7561234567897",
      representative: {
        name: "Doe Barbara",
        address: { street: "Rue du Lac 2", postcode: "1000", locality: "Lausanne" },
        relationship: "Mère",
      },
      decisions: [
        { number: "32320240000011", description: "Moyens auxiliaires" },
        { number: "32320240000029", description: "Appareillage" },
      ],
      bank: { iban: "CH93 0076 2011 6238 5295 7", holder: null, reference: null },
      power_of_attorney_document_id: "doc-1",
    });
    const bare = beneficiaryRequest({ ...filled, hasRepresentative: false, document: null });
    expect(bare.representative).toBeNull();
    expect(bare.power_of_attorney_document_id).toBeNull();
    expect(
      beneficiaryRequest({ ...filled, text: { ...filled.text, "bank.iban": "" } }).bank,
    ).toBeNull();
  });
});
