import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer, JEAN, json, problem, type FakeServer } from "../test/fakeServer";
import { formRoutes, invoice } from "../test/invoiceFixtures";
import { renderApp } from "../test/renderApp";

const SUBMIT = "POST /api/invoicing/invoices";
const QUOTE = "POST /api/invoicing/quote";
const TRAVEL = "/factures/nouvelle/frais-voyage-nourriture";

type User = Awaited<ReturnType<typeof renderApp>>["user"];

async function chooseBeneficiary(user: User) {
  await user.type(screen.getByLabelText("Rechercher un bénéficiaire"), "doe");
  await user.click(await screen.findByRole("button", { name: /Choisir Doe Jane/ }));
  expect(screen.getByText("Doe Jane")).toBeVisible();
}

async function fillTravel(user: User) {
  await chooseBeneficiary(user);
  await user.click(await screen.findByLabelText(/Compte principal/));
  await user.selectOptions(
    await screen.findByLabelText(/Décisions enregistrées/),
    "32320251000896",
  );
  await user.type(screen.getByLabelText("Votre n° de facture"), "A-17");
  const line = screen.getByRole("group", { name: "Ligne 1" });
  await user.type(within(line).getByLabelText("Date du déplacement"), "2025-07-01");
  await user.type(within(line).getByLabelText("De"), "Sion");
  await user.type(within(line).getByLabelText("À"), "Lausanne");
  await user.type(within(line).getByLabelText("But (mesure)"), "Examen");
  await user.selectOptions(within(line).getByLabelText("Moyen de transport"), "car");
  await user.type(within(line).getByLabelText("Kilomètres"), "94");
  await user.type(within(line).getByLabelText("Heures d'absence"), "6,5");
}

function travelServer(extra: Parameters<typeof fakeServer>[0] = {}): FakeServer {
  return fakeServer({ ...formRoutes(), ...extra });
}

describe("a new invoice", () => {
  it("shows the server's lines and total, cancels and sends once with one key", async () => {
    const server = travelServer({ [SUBMIT]: () => json(201, invoice()) });
    const { user } = await renderApp({ path: TRAVEL, signedInAs: JEAN, server });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Frais de voyage et nourriture",
    );
    expect(screen.getByText("Le total s'affiche dès que le formulaire est complet.")).toBeVisible();
    await fillTravel(user);

    expect(await screen.findByRole("status", { name: "Total" })).toHaveTextContent("CHF 53.80");
    const quoted = server.sent(QUOTE).at(-1)?.body as Record<string, unknown>;
    expect(quoted.content).toEqual({
      companion: false,
      lines: [
        {
          date: "2025-07-01",
          from: "Sion",
          to: "Lausanne",
          purpose: "Examen",
          transport: "car",
          km: "94",
          hours_away: "6.5",
          nights_away: 0,
          board_paid: false,
        },
      ],
    });

    await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
    const dialog = screen.getByRole("alertdialog", { name: "Confirmer l'envoi" });
    expect(dialog).toHaveTextContent("vous ne pourrez plus la modifier");
    await user.click(within(dialog).getByRole("button", { name: /Annuler l'envoi/ }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Envoyer ma demande" })).toHaveFocus();
    expect(screen.getByLabelText("Kilomètres")).toHaveValue("94");
    expect(server.sent(SUBMIT)).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
    const send = within(screen.getByRole("alertdialog")).getByRole("button", {
      name: "Envoyer la demande",
    });
    await user.click(send);
    await user.click(send);
    expect(
      await screen.findByRole("heading", { name: "Votre demande a été envoyée" }),
    ).toBeVisible();
    expect(screen.getByText(/F-2025-000042/)).toBeVisible();
    expect(screen.getByRole("button", { name: "Télécharger la copie PDF" })).toBeVisible();

    const sent = server.sent(SUBMIT);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.get("idempotency-key")).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[0]?.body).toMatchObject({
      form: "318.632.1",
      beneficiary_id: "b-1",
      payee: { kind: "company", bank_account_id: "acc-1" },
      decision: { number: "32320251000896", description: "Transports", save: false },
    });
    expect(window.localStorage.length).toBe(1); // only the session hint: the draft is gone
  });

  it("escape cancels the confirmation", async () => {
    const server = travelServer();
    const { user } = await renderApp({ path: TRAVEL, signedInAs: JEAN, server });
    await fillTravel(user);
    await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
    expect(screen.getByRole("alertdialog")).toBeVisible();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  it("shows the server's refusals under the fields of a line, and retries with the same key", async () => {
    const server = travelServer({
      [SUBMIT]: () =>
        problem(422, "validation_failed", {
          errors: [
            {
              field: "content.lines[0].date",
              code: "future_date",
              message: "La date ne peut pas être dans le futur.",
            },
            { field: "attachments", code: "required", message: "Joignez le billet." },
          ],
        }),
    });
    const { user } = await renderApp({ path: TRAVEL, signedInAs: JEAN, server });
    await fillTravel(user);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
      await user.click(screen.getByRole("button", { name: "Envoyer la demande" }));
      await screen.findByRole("heading", { name: "Le formulaire contient 2 erreurs" });
    }
    expect(screen.getByLabelText("Date du déplacement")).toHaveAccessibleDescription(
      expect.stringContaining("La date ne peut pas être dans le futur."),
    );
    const keys = server.sent(SUBMIT).map((request) => request.headers.get("idempotency-key"));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("checks missing fields before asking, with the field's name", async () => {
    const server = travelServer();
    const { user } = await renderApp({ path: TRAVEL, signedInAs: JEAN, server });
    await user.click(screen.getByRole("button", { name: "Envoyer ma demande" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByLabelText("Date du déplacement")).toHaveAccessibleDescription(
      expect.stringContaining("Le champ Date du déplacement (ligne 1) est obligatoire."),
    );
  });

  it("keeps what was typed across a reload", async () => {
    const server = travelServer();
    const first = await renderApp({ path: TRAVEL, signedInAs: JEAN, server });
    await first.user.type(screen.getByLabelText("De"), "Sion");
    first.unmount();
    await renderApp({ path: TRAVEL, signedInAs: JEAN, server });
    expect(screen.getByText("Votre saisie précédente a été reprise.")).toBeVisible();
    expect(screen.getByLabelText("De")).toHaveValue("Sion");
  });

  it("reads in German", async () => {
    const server = travelServer();
    await renderApp({
      path: "/factures/nouvelle/appareillage-auditif",
      browserLanguage: "de-CH",
      signedInAs: { ...JEAN, language: "de" },
      server,
    });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Hörgeräteversorgung");
    expect(screen.getByLabelText("Tarifziffer")).toBeVisible();
    expect(screen.getByRole("button", { name: "Meinen Antrag senden" })).toBeVisible();
    await waitFor(() => {
      expect(screen.getByLabelText(/Compte principal/)).toBeVisible();
    });
  });
});
