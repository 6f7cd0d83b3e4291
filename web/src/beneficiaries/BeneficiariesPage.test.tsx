import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { BeneficiaryRow } from "../api/beneficiaries";
import { fakeServer, JEAN, json, type FakeRequest } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const LIST = "GET /api/beneficiary/beneficiaries";

const ROWS: BeneficiaryRow[] = [
  {
    id: "b-1",
    last_name: "Doe",
    first_name: "Barbara",
    avs: "756.0000.0000.19",
    postcode: "1001",
    locality: "Lausanne",
    birth_date: "1980-01-01",
    has_power_of_attorney: true,
  },
  {
    id: "b-2",
    last_name: "Doe",
    first_name: "Jane",
    avs: "756.0000.0011.77",
    postcode: "1000",
    locality: "Lausanne",
    birth_date: "1990-01-01",
    has_power_of_attorney: false,
  },
  {
    id: "b-3",
    last_name: "Müller",
    first_name: "Élise",
    avs: "756.1234.5678.97",
    postcode: "1950",
    locality: "Sion",
    birth_date: "2000-01-01",
    has_power_of_attorney: false,
  },
];

/** A list that filters like the service: name part (accents ignored), AVS part (dots ignored). */
function fold(text: string) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}
function listAnswer(request: FakeRequest) {
  const query = new URL(request.url, "http://counter.test").searchParams;
  const name = fold(query.get("name") ?? "");
  const avs = (query.get("avs") ?? "").replace(/\./g, "");
  const items = ROWS.filter(
    (row) =>
      fold(`${row.last_name} ${row.first_name}`).includes(name) &&
      row.avs.replace(/\./g, "").includes(avs),
  );
  return json(200, { items, next_cursor: null });
}

function rows() {
  const table = screen.getByRole("table");
  return within(table)
    .getAllByRole("row")
    .slice(1)
    .map((row) =>
      Array.from(row.querySelectorAll("th, td"))
        .slice(0, 3)
        .map((cell) => cell.textContent),
    );
}

function queries(server: ReturnType<typeof fakeServer>) {
  return server.sent(LIST).map((request) => new URL(request.url, "http://counter.test").search);
}

describe("beneficiaries list", () => {
  it("shows name (last first), AVS number, locality and the power of attorney icon", async () => {
    const server = fakeServer({ [LIST]: listAnswer });
    await renderApp({ path: "/beneficiaires", signedInAs: JEAN, server });
    await screen.findByRole("table");
    expect(screen.getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual([
      "Nom",
      "N° assuré",
      "Localité",
      "Procuration",
      "Actions",
    ]);
    expect(rows()).toEqual([
      ["Doe Barbara", "756.0000.0000.19", "1001 Lausanne"],
      ["Doe Jane", "756.0000.0011.77", "1000 Lausanne"],
      ["Müller Élise", "756.1234.5678.97", "1950 Sion"],
    ]);
    const barbara = screen.getByRole("row", { name: /Doe Barbara/ });
    expect(within(barbara).getByText("Procuration enregistrée")).toBeInTheDocument();
    expect(within(barbara).getByRole("link", { name: "Modifier Doe Barbara" })).toHaveAttribute(
      "href",
      "/beneficiaires/b-1",
    );
    expect(within(barbara).getByRole("button", { name: "Supprimer Doe Barbara" })).toBeVisible();
    expect(screen.getByRole("link", { name: /Ajouter un bénéficiaire/ })).toHaveAttribute(
      "href",
      "/beneficiaires/nouveau",
    );
  });

  it("filters by name and by AVS number as one types", async () => {
    const server = fakeServer({ [LIST]: listAnswer });
    const { user } = await renderApp({ path: "/beneficiaires", signedInAs: JEAN, server });
    await screen.findByRole("table");
    const search = screen.getByRole("search");

    await user.type(within(search).getByLabelText(/^Nom/), "elise");
    await waitFor(() => {
      expect(rows()).toEqual([["Müller Élise", "756.1234.5678.97", "1950 Sion"]]);
    });
    expect(queries(server).at(-1)).toBe("?name=elise&limit=50");

    await user.clear(within(search).getByLabelText(/^Nom/));
    await user.type(within(search).getByLabelText(/^N° assuré/), "0000.0011");
    await waitFor(() => {
      expect(rows()).toEqual([["Doe Jane", "756.0000.0011.77", "1000 Lausanne"]]);
    });
    expect(queries(server).at(-1)).toBe("?avs=0000.0011&limit=50");
    // Typing is not a request per key: the list is asked again once typing pauses.
    expect(server.sent(LIST).length).toBeLessThanOrEqual(4);

    await user.type(within(search).getByLabelText(/^N° assuré/), "9");
    expect(
      await screen.findByText("Aucun bénéficiaire ne correspond à ces filtres."),
    ).toBeVisible();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("removes a beneficiary after a confirmation, and says when it was archived", async () => {
    const server = fakeServer({ [LIST]: listAnswer });
    server.on("DELETE /api/beneficiary/beneficiaries/b-2", () =>
      json(200, { id: "b-2", archived: true }),
    );
    const { user } = await renderApp({ path: "/beneficiaires", signedInAs: JEAN, server });
    await screen.findByRole("table");

    await user.click(screen.getByRole("button", { name: "Supprimer Doe Jane" }));
    const confirm = screen.getByRole("alertdialog");
    expect(confirm).toHaveFocus();
    expect(confirm).toHaveTextContent("Voulez-vous vraiment supprimer le bénéficiaire Doe Jane ?");
    await user.click(within(confirm).getByRole("button", { name: "Annuler" }));
    expect(server.sent("DELETE /api/beneficiary/beneficiaries/b-2")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Supprimer Doe Jane" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Supprimer" }),
    );
    expect(
      await screen.findByText(/Le bénéficiaire Doe Jane figure sur des factures/),
    ).toBeVisible();
    expect(server.sent("DELETE /api/beneficiary/beneficiaries/b-2")).toHaveLength(1);
  });

  it("is in German too", async () => {
    const server = fakeServer({ [LIST]: listAnswer });
    await renderApp({
      path: "/beneficiaires",
      browserLanguage: "de-CH",
      signedInAs: { ...JEAN, language: "de" },
      server,
    });
    await screen.findByRole("table");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Leistungsbeziehende");
    expect(screen.getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual([
      "Name",
      "Versichertennr.",
      "Ort",
      "Vollmacht",
      "Aktionen",
    ]);
    expect(server.sent(LIST)[0]?.headers.get("accept-language")).toBe("de");
  });
});
