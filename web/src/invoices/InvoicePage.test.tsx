import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer, JEAN, json, problem } from "../test/fakeServer";
import { formRoutes, invoice } from "../test/invoiceFixtures";
import { renderApp } from "../test/renderApp";

const GET = "GET /api/invoicing/invoices/inv-1";
const PUT = "PUT /api/invoicing/invoices/inv-1";
const MESSAGE = "Le nombre de kilomètres ne correspond pas au trajet.";

const toCorrect = invoice({
  status: "correction_requested",
  revision: 2,
  correction_message: MESSAGE,
  history: [
    { at: "2025-07-03T08:00:00Z", status: "submitted", by: "Jean D.", message: "" },
    {
      at: "2025-07-04T09:00:00Z",
      status: "correction_requested",
      by: "Office AI",
      message: MESSAGE,
    },
  ],
});

describe("an invoice's page", () => {
  it("shows the office's message and sends the correction with its revision", async () => {
    const server = fakeServer({
      ...formRoutes(),
      [GET]: () => json(200, toCorrect),
      [PUT]: (request) =>
        json(
          200,
          invoice({ status: "submitted", version: 2, revision: 3, ...(request.body as object) }),
        ),
    });
    const { user } = await renderApp({ path: "/factures/inv-1", signedInAs: JEAN, server });
    expect(
      await screen.findByRole("heading", { level: 1, name: "Demande F-2025-000042" }),
    ).toBeVisible();
    const office = screen.getByRole("region", { name: "Message de l'office AI" });
    expect(office).toHaveTextContent(MESSAGE);
    expect(screen.getByLabelText("Kilomètres")).toHaveValue("94");
    expect(screen.getByLabelText("Votre n° de facture")).toHaveValue("A-17");

    await user.clear(screen.getByLabelText("Kilomètres"));
    await user.type(screen.getByLabelText("Kilomètres"), "90");
    await user.click(screen.getByRole("button", { name: "Modifier ma demande" }));

    expect(
      await screen.findByText("Votre demande a été modifiée et transmise à nouveau à l'office AI."),
    ).toBeVisible();
    const sent = server.sent(PUT)[0];
    expect(sent?.headers.get("idempotency-key")).toMatch(/^[0-9a-f]{32}$/);
    expect(sent?.body).toMatchObject({
      revision: 2,
      payee: { kind: "company", bank_account_id: "acc-1" },
      content: { lines: [{ km: "90", nights_away: 0 }] },
    });
    expect(sent?.body).not.toHaveProperty("form");
    expect(screen.queryByRole("button", { name: "Modifier ma demande" })).toBeNull();
    expect(screen.getByText("En traitement", { selector: "dd" })).toBeVisible();
    expect(
      within(screen.getByRole("region", { name: "Historique" })).getAllByRole("listitem"),
    ).toHaveLength(1);
  });

  it("says when the invoice does not exist", async () => {
    const server = fakeServer({ [GET]: () => problem(404, "not_found") });
    await renderApp({ path: "/factures/inv-1", signedInAs: JEAN, server });
    expect(await screen.findByText("Cette demande n'existe pas.")).toBeVisible();
  });
});
