import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer, JEAN, json, problem } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const CREATE = "POST /api/beneficiary/beneficiaries";
const UPLOAD = "POST /api/documents/files";
const LIST = "GET /api/beneficiary/beneficiaries";

function summaryBox(heading: HTMLElement): HTMLElement {
  const box = heading.parentElement;
  if (box === null) throw new Error("the summary's heading has no container");
  return box;
}

type User = Awaited<ReturnType<typeof renderApp>>["user"];

async function fillPersonal(user: User) {
  const personal = screen.getByRole("region", { name: "Informations personnelles" });
  await user.type(within(personal).getByLabelText("Nom"), "Doe");
  await user.type(within(personal).getByLabelText("Prénom"), "Jane");
  await user.type(within(personal).getByLabelText("Date de naissance"), "2015-03-02");
  await user.type(within(personal).getByLabelText("Rue et numéro"), "Rue du Lac 2");
  await user.type(within(personal).getByLabelText("NPA"), "1000");
  await user.type(within(personal).getByLabelText("Localité"), "Lausanne");
  await user.type(within(personal).getByLabelText(/N° d'assuré/), "756.1234.5678.97");
}

function saved(body: unknown) {
  return json(201, { id: "b-9", ...(body as object), has_power_of_attorney: true });
}

describe("beneficiary form", () => {
  it("has its four sections and checks what is certain to fail before sending", async () => {
    const server = fakeServer();
    const { user } = await renderApp({ path: "/beneficiaires/nouveau", signedInAs: JEAN, server });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Ajouter un bénéficiaire");
    for (const name of [
      "Informations personnelles",
      "Décisions",
      "Informations bancaires",
      "Procuration",
    ]) {
      expect(screen.getByRole("region", { name })).toBeVisible();
    }
    await user.type(screen.getByLabelText(/N° d'assuré/), "756.0005.0000.02");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));

    const summary = screen.getByRole("heading", { name: "Le formulaire contient 7 erreurs" });
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByLabelText(/N° d'assuré/)).toHaveAccessibleDescription(
      expect.stringContaining("Ce numéro AVS n'est pas valable"),
    );
    expect(server.sent(CREATE)).toHaveLength(0);
  });

  it("shows the server's refusals under their fields, decisions and bank details included", async () => {
    const server = fakeServer({
      [CREATE]: () =>
        problem(422, "validation_failed", {
          errors: [
            {
              field: "decisions[0].number",
              code: "decision_number",
              message: "Le numéro de décision n'est pas valable.",
            },
            {
              field: "bank.reference",
              code: "qr_reference_required",
              message: "Un QR-IBAN demande une référence QR.",
            },
            {
              field: "representative",
              code: "representative_required",
              message: "Un représentant légal est obligatoire pour un bénéficiaire mineur.",
            },
          ],
        }),
    });
    const { user } = await renderApp({ path: "/beneficiaires/nouveau", signedInAs: JEAN, server });
    await fillPersonal(user);
    await user.click(screen.getByRole("button", { name: "Ajouter une décision" }));
    expect(screen.getByLabelText("N° de décision 1")).toHaveFocus();
    await user.type(screen.getByLabelText("N° de décision 1"), "32320249999999");
    await user.type(screen.getByLabelText("Description de la décision 1"), "Moyens auxiliaires");
    await user.type(screen.getByLabelText(/^IBAN/), "CH44 3199 9123 0008 8901 2");
    await user.click(screen.getByRole("button", { name: "Enregistrer" }));

    const summary = await screen.findByRole("heading", {
      name: "Le formulaire contient 3 erreurs",
    });
    expect(summary.parentElement).toHaveFocus();
    expect(screen.getByLabelText("N° de décision 1")).toHaveAccessibleDescription(
      expect.stringContaining("Le numéro de décision n'est pas valable."),
    );
    expect(screen.getByLabelText(/N° de référence de paiement/)).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    expect(
      within(summaryBox(summary)).getByRole("link", {
        name: /Un représentant légal est obligatoire/,
      }),
    ).toHaveAttribute("href", "#beneficiary-representative");

    const sent = server.sent(CREATE)[0]?.body as Record<string, unknown>;
    expect(sent.avs).toBe("7561234567897");
    expect(sent.decisions).toEqual([
      { number: "32320249999999", description: "Moyens auxiliaires" },
    ]);
    expect(sent.bank).toEqual({
      iban: "CH44 3199 9123 0008 8901 2",
      holder: null,
      reference: null,
    });
    expect(sent.representative).toBeNull();
  });

  it("adds and removes decision rows", async () => {
    const { user } = await renderApp({ path: "/beneficiaires/nouveau", signedInAs: JEAN });
    await user.click(screen.getByRole("button", { name: "Ajouter une décision" }));
    await user.click(screen.getByRole("button", { name: "Ajouter une décision" }));
    await user.type(screen.getByLabelText("N° de décision 2"), "2");
    await user.click(screen.getByRole("button", { name: "Retirer la décision 1" }));
    expect(screen.queryByLabelText("N° de décision 2")).toBeNull();
    expect(screen.getByLabelText("N° de décision 1")).toHaveValue("2");
    expect(screen.getByRole("button", { name: "Ajouter une décision" })).toHaveFocus();
  });

  it("uploads the power of attorney, then saves it with the beneficiary", async () => {
    const server = fakeServer({
      [UPLOAD]: () =>
        json(201, {
          id: "doc-7",
          filename: "procuration.pdf",
          media_type: "application/pdf",
          size: 9,
        }),
      [CREATE]: (request) => saved(request.body),
      [LIST]: () => json(200, { items: [], next_cursor: null }),
    });
    const { user } = await renderApp({ path: "/beneficiaires/nouveau", signedInAs: JEAN, server });
    await fillPersonal(user);
    await user.upload(
      screen.getByLabelText(/Procuration signée/),
      new File(["%PDF-1.7\n"], "procuration.pdf", { type: "application/pdf" }),
    );
    expect(await screen.findByText("Fichier envoyé : procuration.pdf")).toBeVisible();
    const upload = server.sent(UPLOAD)[0];
    expect(upload?.url).toBe(
      "/api/documents/files?purpose=power_of_attorney&filename=procuration.pdf",
    );
    expect(upload?.headers.get("content-type")).toBe("application/pdf");
    expect(upload?.headers.get("authorization")).toMatch(/^Bearer /);

    await user.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Le bénéficiaire Doe Jane a été enregistré.")).toBeVisible();
    expect(window.location.pathname).toBe("/beneficiaires");
    expect(server.sent(CREATE)[0]?.body).toMatchObject({ power_of_attorney_document_id: "doc-7" });
  });

  it("shows a refused file under the file field", async () => {
    const server = fakeServer({
      [UPLOAD]: () =>
        problem(422, "validation_failed", {
          errors: [
            {
              field: "file",
              code: "unsupported_file_type",
              message: "Seuls les fichiers PDF, JPEG ou PNG sont acceptés.",
            },
          ],
        }),
    });
    const { user } = await renderApp({ path: "/beneficiaires/nouveau", signedInAs: JEAN, server });
    const input = screen.getByLabelText(/Procuration signée/);
    await user.upload(input, new File(["MZ"], "x.pdf", { type: "application/pdf" }));
    await waitFor(() => {
      expect(input).toHaveAccessibleDescription(
        expect.stringContaining("Seuls les fichiers PDF, JPEG ou PNG sont acceptés."),
      );
    });
    expect(
      screen.getByRole("heading", { name: "Le formulaire contient une erreur" }),
    ).toBeVisible();
  });

  it("edits an existing beneficiary in German", async () => {
    const server = fakeServer({
      "GET /api/beneficiary/beneficiaries/b-1": () =>
        json(200, {
          id: "b-1",
          last_name: "Doe",
          first_name: "Barbara",
          birth_date: "1980-01-01",
          address: { street: "Rue du Lac 2", postcode: "1001", locality: "Lausanne" },
          avs: "756.0000.0000.19",
          representative: null,
          decisions: [{ number: "32320240000011", description: "Hilfsmittel" }],
          bank: null,
          power_of_attorney_document_id: "doc-1",
          has_power_of_attorney: true,
          referenced: false,
          version: 1,
        }),
      "PUT /api/beneficiary/beneficiaries/b-1": (request) => saved(request.body),
      [LIST]: () => json(200, { items: [], next_cursor: null }),
    });
    const { user } = await renderApp({
      path: "/beneficiaires/b-1",
      browserLanguage: "de-CH",
      signedInAs: { ...JEAN, language: "de" },
      server,
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Doe Barbara bearbeiten" }),
    ).toBeVisible();
    expect(screen.getByLabelText("Verfügungsnr. 1")).toHaveValue("32320240000011");
    expect(screen.getByText("Für diese Person ist eine Vollmacht gespeichert.")).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Speichern" }));
    await screen.findByText("Doe Barbara wurde gespeichert.");
    expect(server.sent("PUT /api/beneficiary/beneficiaries/b-1")[0]?.body).toMatchObject({
      avs: "7560000000019",
      power_of_attorney_document_id: "doc-1",
      decisions: [{ number: "32320240000011", description: "Hilfsmittel" }],
    });
  });
});
