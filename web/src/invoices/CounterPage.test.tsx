import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer, INVOICES, JEAN, json, SUBMITTERS } from "../test/fakeServer";
import { invoice } from "../test/invoiceFixtures";
import { renderApp } from "../test/renderApp";

function row(overrides: Record<string, unknown>) {
  const { id, reference, form, status, summary, beneficiary, submitted_by, submitted_at } =
    invoice(overrides);
  return {
    id,
    reference,
    form,
    status,
    summary,
    beneficiary,
    submitted_by,
    submitted_at,
    updated_at: "2024-08-23T10:00:00Z",
    version: 1,
  };
}

describe("the counter", () => {
  it("lists requests to correct and the history, with filters and more", async () => {
    const server = fakeServer({
      [SUBMITTERS]: () =>
        json(200, [
          { account_id: "acc-jean", name: "Jean D." },
          { account_id: "acc-sandra", name: "Sandra K." },
        ]),
      [INVOICES]: (request) => {
        const query = new URL(request.url, "http://counter.test").searchParams;
        if (query.get("view") === "to_correct") {
          return json(200, {
            items: [
              row({
                id: "inv-2",
                status: "correction_requested",
                summary: "Facture 01.05.2024 - 31.05.2024",
              }),
            ],
            next_cursor: null,
          });
        }
        const page = query.get("cursor") === null ? 1 : 2;
        return json(200, {
          items: [row({ id: `inv-h${String(page)}`, summary: `Facture 0${String(page)}.08.2024` })],
          next_cursor: page === 1 ? "next" : null,
        });
      },
    });
    const { user } = await renderApp({ path: "/", signedInAs: JEAN, server });

    const toCorrect = screen.getByRole("region", { name: "Demandes à corriger" });
    const link = await within(toCorrect).findByRole("link", {
      name: "Facture 01.05.2024 - 31.05.2024",
    });
    expect(link).toHaveAttribute("href", "/factures/inv-2");
    const cells = within(link.closest("tr") as HTMLElement).getAllByRole("cell");
    expect(cells.map((cell) => cell.textContent)).toEqual([
      "Jean D.",
      "Doe Jane 756.0000.0011.77",
      "Facture 01.05.2024 - 31.05.2024",
      "23.08.2024",
    ]);
    expect(within(toCorrect).queryByRole("columnheader", { name: "Statut" })).toBeNull();

    const history = screen.getByRole("region", { name: "Historique des factures" });
    await within(history).findByText("Facture 01.08.2024");
    expect(within(history).getByRole("columnheader", { name: "Saisi le" })).toBeVisible();
    expect(within(history).getByRole("cell", { name: "En traitement" })).toBeVisible();
    expect(
      within(history).getByRole("button", { name: "Copie PDF : Facture 01.08.2024, Doe Jane" }),
    ).toBeVisible();
    await user.click(within(history).getByRole("button", { name: "Afficher plus de demandes" }));
    await within(history).findByText("Facture 02.08.2024");

    await user.selectOptions(within(history).getByLabelText(/Responsable/), "acc-sandra");
    await user.selectOptions(within(history).getByLabelText(/Statut/), "accepted");
    await user.type(within(history).getByLabelText(/Bénéficiaire/), "756.0000");
    await waitFor(() => {
      const last = server.sent(INVOICES).at(-1)?.url ?? "";
      expect(last).toBe(
        "/api/invoicing/invoices?view=history&submitted_by=acc-sandra&beneficiary=756.0000&status=accepted&limit=50",
      );
    });
  });
});
