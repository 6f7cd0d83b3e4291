import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { BankAccount, Member } from "../api/company";
import { fakeServer, JEAN, json, noContent, problem } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

const MEMBERS = "GET /api/organisation/members";
const ADD_MEMBER = "POST /api/organisation/members";
const ACCOUNTS = "GET /api/organisation/bank-accounts";
const ADD_ACCOUNT = "POST /api/organisation/bank-accounts";

const jean: Member = {
  id: "m-1",
  account_id: JEAN.account_id,
  first_name: "Jean",
  last_name: "Dupont",
  role: "manager",
  email: JEAN.email,
  mobile: "+41791234567",
  language: "fr",
  created_at: "2026-11-01T08:00:00Z",
};
const anna: Member = {
  ...jean,
  id: "m-2",
  account_id: "a-2",
  first_name: "Anna",
  last_name: "Favre",
  role: "collaborator",
  email: "anna.favre@testing.ch",
  mobile: "+41781112233",
};
const main: BankAccount = {
  id: "ba-1",
  iban: "CH9300762011623852957",
  iban_formatted: "CH93 0076 2011 6238 5295 7",
  holder: "Testing SA",
  label: "Compte principal",
  nif: null,
  is_qr_iban: false,
};

function companyServer() {
  const members = [jean, anna];
  return fakeServer({
    [MEMBERS]: () => json(200, { items: members }),
    [ACCOUNTS]: () => json(200, { items: [main] }),
  });
}

describe("Ma société", () => {
  it("lists the collaborators with their role and the two tabs", async () => {
    await renderApp({ path: "/ma-societe", signedInAs: JEAN, server: companyServer() });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Ma société");
    const tabs = within(screen.getByRole("tablist")).getAllByRole("tab");
    expect(tabs.map((tab) => tab.textContent)).toEqual(["Collaborateurs", "Comptes bancaires"]);
    expect(tabs[0]).toHaveAttribute("aria-selected", "true");
    const anna = await screen.findByRole("row", { name: /Favre Anna/ });
    expect(anna).toHaveTextContent("anna.favre@testing.ch");
    expect(anna).toHaveTextContent("+41 78 111 22 33");
    expect(anna).toHaveTextContent("Collaborateur");
    expect(screen.getByRole("row", { name: /Dupont Jean \(vous\)/ })).toHaveTextContent("Gérant");
  });

  it("adds a collaborator, the server's refusals under their fields", async () => {
    const server = companyServer();
    let attempts = 0;
    server.on(ADD_MEMBER, (request) => {
      attempts += 1;
      if (attempts === 1) {
        return problem(422, "validation_failed", {
          errors: [
            {
              field: "email",
              code: "email_taken",
              message: "Cette adresse email est déjà utilisée.",
            },
          ],
        });
      }
      return json(201, { ...anna, id: "m-3", ...(request.body as object) });
    });
    const { user } = await renderApp({ path: "/ma-societe", signedInAs: JEAN, server });
    await user.click(await screen.findByRole("button", { name: /Ajouter un collaborateur/ }));
    const form = screen.getByRole("region", { name: "Nouveau collaborateur" });
    expect(within(form).getByRole("heading", { name: "Nouveau collaborateur" })).toHaveFocus();

    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(screen.getByRole("heading", { name: "Le formulaire contient 5 erreurs" })).toBeVisible();
    expect(server.sent(ADD_MEMBER)).toHaveLength(0);

    await user.type(within(form).getByLabelText("Prénom"), "Luc");
    await user.type(within(form).getByLabelText("Nom"), "Rey");
    await user.click(within(form).getByRole("radio", { name: "Collaborateur" }));
    await user.type(within(form).getByLabelText("Email"), "luc.rey@testing.ch");
    await user.type(within(form).getByLabelText("Téléphone portable"), "+41 79 555 66 77");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));

    const summary = await screen.findByRole("heading", {
      name: "Le formulaire contient une erreur",
    });
    expect(summary.parentElement).toHaveFocus();
    expect(within(form).getByLabelText("Email")).toHaveAccessibleDescription(
      expect.stringContaining("Cette adresse email est déjà utilisée."),
    );
    expect(server.sent(ADD_MEMBER)[0]?.body).toEqual({
      first_name: "Luc",
      last_name: "Rey",
      role: "collaborator",
      email: "luc.rey@testing.ch",
      mobile: "+41 79 555 66 77",
      language: "fr",
    });

    await user.clear(within(form).getByLabelText("Email"));
    await user.type(within(form).getByLabelText("Email"), "luc@testing.ch");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(
      await screen.findByText(
        "Le collaborateur a été ajouté ; une invitation a été envoyée à luc@testing.ch.",
      ),
    ).toBeVisible();
  });

  it("changes a role; the last manager's refusal is shown", async () => {
    const server = companyServer();
    server.on("PATCH /api/organisation/members/m-1", () =>
      problem(409, "last_manager", {
        detail: "La société doit garder au moins un gérant.",
      }),
    );
    const { user } = await renderApp({ path: "/ma-societe", signedInAs: JEAN, server });
    await user.click(await screen.findByRole("button", { name: "Modifier Dupont Jean" }));
    const form = screen.getByRole("region", { name: "Modifier Dupont Jean" });
    expect(within(form).queryByLabelText("Email")).toBeNull();
    await user.click(within(form).getByRole("radio", { name: "Collaborateur" }));
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(
      await within(form).findByText("La société doit garder au moins un gérant."),
    ).toBeVisible();
    expect(server.sent("PATCH /api/organisation/members/m-1")[0]?.body).toEqual({
      first_name: "Jean",
      last_name: "Dupont",
      role: "collaborator",
      mobile: "+41791234567",
    });
  });

  it("removes a collaborator after a confirmation; the last manager cannot be removed", async () => {
    const server = companyServer();
    server.on("DELETE /api/organisation/members/m-2", () => noContent());
    server.on("DELETE /api/organisation/members/m-1", () =>
      problem(409, "last_manager", { detail: "Le dernier gérant ne peut pas être supprimé." }),
    );
    const { user } = await renderApp({ path: "/ma-societe", signedInAs: JEAN, server });
    await user.click(await screen.findByRole("button", { name: "Supprimer Favre Anna" }));
    const confirm = screen.getByRole("alertdialog");
    expect(confirm).toHaveTextContent("Voulez-vous vraiment supprimer Favre Anna ?");
    await user.click(within(confirm).getByRole("button", { name: "Supprimer" }));
    expect(await screen.findByText("Favre Anna a été supprimé de la société.")).toBeVisible();

    await user.click(screen.getByRole("button", { name: "Supprimer Dupont Jean" }));
    await user.click(
      within(screen.getByRole("alertdialog")).getByRole("button", { name: "Supprimer" }),
    );
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Le dernier gérant ne peut pas être supprimé.",
    );
  });

  it("lists, adds and edits bank accounts", async () => {
    const server = companyServer();
    server.on(ADD_ACCOUNT, () =>
      problem(422, "validation_failed", {
        errors: [{ field: "iban", code: "iban", message: "Cet IBAN n'est pas valable." }],
      }),
    );
    const { user } = await renderApp({ path: "/ma-societe", signedInAs: JEAN, server });
    await user.click(screen.getByRole("tab", { name: "Comptes bancaires" }));
    const row = await screen.findByRole("row", { name: /Compte principal/ });
    expect(row).toHaveTextContent("CH93 0076 2011 6238 5295 7");
    expect(row).toHaveTextContent("Testing SA");

    await user.click(screen.getByRole("button", { name: /Ajouter un compte bancaire/ }));
    const form = screen.getByRole("region", { name: "Nouveau compte bancaire" });
    await user.type(within(form).getByLabelText("Libellé"), "Compte QR");
    await user.type(within(form).getByLabelText("IBAN"), "CH00 0000");
    await user.type(within(form).getByLabelText("Titulaire du compte"), "Testing SA");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(within(form).getByLabelText("IBAN")).toHaveAccessibleDescription(
      expect.stringContaining("Cet IBAN n'est pas valable."),
    );
    expect(server.sent(ADD_ACCOUNT)[0]?.body).toEqual({
      label: "Compte QR",
      iban: "CH00 0000",
      holder: "Testing SA",
      nif: null,
    });
    await user.click(within(form).getByRole("button", { name: "Annuler" }));

    server.on("PUT /api/organisation/bank-accounts/ba-1", (request) =>
      json(200, { ...main, ...(request.body as object) }),
    );
    await user.click(screen.getByRole("button", { name: "Modifier Compte principal" }));
    const edit = screen.getByRole("region", { name: "Modifier le compte Compte principal" });
    expect(within(edit).getByLabelText("IBAN")).toHaveValue("CH93 0076 2011 6238 5295 7");
    await user.type(within(edit).getByLabelText(/NIF/), "CHE-123");
    await user.click(within(edit).getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Le compte bancaire a été modifié.")).toBeVisible();
    expect(server.sent("PUT /api/organisation/bank-accounts/ba-1")[0]?.body).toMatchObject({
      nif: "CHE-123",
    });
  });

  it("is not offered to collaborators", async () => {
    await renderApp({
      path: "/ma-societe",
      signedInAs: { ...JEAN, role: "collaborator" },
      server: companyServer(),
    });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Page introuvable");
  });

  it("is in German too", async () => {
    await renderApp({
      path: "/ma-societe",
      browserLanguage: "de-CH",
      signedInAs: { ...JEAN, language: "de" },
      server: companyServer(),
    });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Mein Unternehmen");
    expect(screen.getByRole("tab", { name: "Mitarbeitende" })).toBeVisible();
    expect(screen.getByRole("tab", { name: "Bankkonten" })).toBeVisible();
    expect(await screen.findByRole("row", { name: /Favre Anna/ })).toHaveTextContent("Mitarbeiter");
  });
});
