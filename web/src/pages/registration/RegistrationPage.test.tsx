import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeServer, json, problem } from "../../test/fakeServer";
import { renderApp } from "../../test/renderApp";

const REGISTER = "POST /api/organisation/registrations";

type User = Awaited<ReturnType<typeof renderApp>>["user"];

/** The error summary, from its heading. */
function summaryOf(heading: HTMLElement): HTMLElement {
  const summary = heading.parentElement;
  if (summary === null) throw new Error("the summary's heading has no container");
  return summary;
}

async function fillValidForm(user: User) {
  await user.click(screen.getByLabelText("Organisme / entreprise"));
  const company = screen.getByRole("region", { name: "Société" });
  await user.type(within(company).getByLabelText("Nom de la société"), "Testing SA");
  await user.type(within(company).getByLabelText("GLN"), "7601001234567");
  await user.type(within(company).getByLabelText("Rue et numéro"), "Rue du Rhône 1");
  await user.type(within(company).getByLabelText("NPA"), "1950");
  await user.type(within(company).getByLabelText("Localité"), "Sion");
  await user.type(within(company).getByLabelText("Téléphone"), "+41 27 123 45 67");
  const manager = screen.getByRole("region", { name: "Gérant" });
  await user.type(within(manager).getByLabelText("Prénom"), "Jean");
  await user.type(within(manager).getByLabelText("Nom"), "Dupont");
  await user.type(within(manager).getByLabelText("Email"), "jean.dupont@testing.ch");
  await user.type(within(manager).getByLabelText("Mot de passe"), "correct horse battery");
  await user.type(
    within(manager).getByLabelText("Confirmation du mot de passe"),
    "correct horse battery",
  );
  await user.type(within(manager).getByLabelText("Téléphone portable"), "+41 79 123 45 67");
  await user.click(
    screen.getByLabelText("J'accepte les conditions d'utilisation de la plateforme."),
  );
}

describe("registration", () => {
  it("asks first how the platform will be used, then the company and its manager", async () => {
    await renderApp({ path: "/inscription" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Inscription");
    const question = screen.getByRole("group", {
      name: "Je veux utiliser la plateforme en tant que",
    });
    expect(
      within(question).getByRole("radio", { name: "Organisme / entreprise" }),
    ).not.toBeChecked();
    expect(screen.queryByRole("region", { name: "Société" })).toBeNull();
    expect(screen.queryByRole("button", { name: "S'inscrire" })).toBeNull();
  });

  it("sends the registration as the API expects it, then says it waits for the office", async () => {
    const server = fakeServer({
      [REGISTER]: () => json(201, { institution_id: "i-1", status: "pending" }),
    });
    const { user } = await renderApp({ path: "/inscription", server });
    await fillValidForm(user);
    await user.click(screen.getByRole("radio", { name: "Deutsch" }));
    await user.click(screen.getByRole("button", { name: "S'inscrire" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: "Demande d'inscription envoyée" }),
    ).toHaveFocus();
    expect(window.location.pathname).toBe("/inscription/envoyee");
    expect(screen.getByText(/Votre demande doit être confirmée par l'Office AI/)).toBeVisible();
    const sent = server.sent(REGISTER)[0];
    expect(sent?.headers.get("accept-language")).toBe("fr");
    expect(sent?.body).toEqual({
      account_type: "institution",
      company: {
        name: "Testing SA",
        gln: "7601001234567",
        uid: null,
        street: "Rue du Rhône 1",
        postcode: "1950",
        locality: "Sion",
        phone: "+41 27 123 45 67",
      },
      manager: {
        first_name: "Jean",
        last_name: "Dupont",
        email: "jean.dupont@testing.ch",
        password: "correct horse battery",
        mobile: "+41 79 123 45 67",
        language: "de",
      },
      terms_accepted: true,
    });
  });

  it("checks what it can before sending: each error under its field and in the summary", async () => {
    const server = fakeServer();
    const { user } = await renderApp({ path: "/inscription", server });
    await fillValidForm(user);
    const gln = screen.getByLabelText("GLN");
    await user.clear(gln);
    await user.type(gln, "7601001234560");
    await user.type(screen.getByLabelText(/Numéro IDE/), "CHE-100.155.213");
    await user.clear(screen.getByLabelText("Confirmation du mot de passe"));
    await user.type(screen.getByLabelText("Confirmation du mot de passe"), "correct horse");
    await user.click(
      screen.getByLabelText("J'accepte les conditions d'utilisation de la plateforme."),
    );
    await user.click(screen.getByRole("button", { name: "S'inscrire" }));

    expect(server.requests).toEqual([]);
    const summary = summaryOf(
      screen.getByRole("heading", { name: "Le formulaire contient 4 erreurs" }),
    );
    expect(summary).toHaveFocus();
    // A message that does not name its field gets the field's label in the summary.
    expect(
      within(summary)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual([
      "Ce GLN n'est pas valable : vérifiez les chiffres saisis.",
      "Ce numéro IDE n'est pas valable : vérifiez les chiffres saisis.",
      "Confirmation du mot de passe\u00a0: La confirmation ne correspond pas au mot de passe.",
      "Vous devez accepter les conditions d'utilisation pour vous inscrire.",
    ]);
    expect(gln).toBeInvalid();
    expect(gln).toHaveAccessibleDescription(
      "13 chiffres, au nom de votre société. Erreur\u00a0: Ce GLN n'est pas valable : vérifiez les chiffres saisis.",
    );
    expect(
      screen.getByLabelText("J'accepte les conditions d'utilisation de la plateforme."),
    ).toHaveAccessibleDescription(
      "Erreur\u00a0: Vous devez accepter les conditions d'utilisation pour vous inscrire.",
    );

    await user.click(
      within(summary).getByRole("link", { name: /La confirmation ne correspond pas/ }),
    );
    expect(screen.getByLabelText("Confirmation du mot de passe")).toHaveFocus();
  });

  it("puts the server's errors under their fields (company.gln, manager.email…)", async () => {
    const server = fakeServer({
      [REGISTER]: () =>
        problem(422, "validation_failed", {
          errors: [
            { field: "company.gln", code: "gln_registered", message: "Ce GLN est déjà inscrit." },
            {
              field: "manager.email",
              code: "email_taken",
              message: "Un compte existe déjà avec cette adresse.",
            },
            {
              field: "manager.password",
              code: "password_common",
              message: "Ce mot de passe est trop courant.",
            },
          ],
        }),
    });
    const { user } = await renderApp({ path: "/inscription", server });
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "S'inscrire" }));

    const summary = summaryOf(
      await screen.findByRole("heading", { name: "Le formulaire contient 3 erreurs" }),
    );
    expect(summary).toHaveFocus();
    expect(
      within(summary)
        .getAllByRole("link")
        .map((link) => link.getAttribute("href")),
    ).toEqual([
      "#registration-company-gln",
      "#registration-manager-email",
      "#registration-manager-password",
    ]);
    expect(within(summary).getByRole("link", { name: /^Email/ })).toHaveTextContent(
      "Email : Un compte existe déjà avec cette adresse.",
    );
    expect(screen.getByLabelText("GLN")).toHaveAccessibleDescription(
      expect.stringContaining("Ce GLN est déjà inscrit."),
    );
    expect(screen.getByLabelText("Mot de passe")).toHaveAccessibleDescription(
      expect.stringContaining("Ce mot de passe est trop courant."),
    );
    // What was typed stays, passwords included.
    expect(screen.getByLabelText("Mot de passe")).toHaveValue("correct horse battery");
  });

  it("says when the gateway limits registrations", async () => {
    const server = fakeServer({
      [REGISTER]: () => new Response("local_rate_limited", { status: 429 }),
    });
    const { user } = await renderApp({ path: "/inscription", server });
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "S'inscrire" }));
    expect(
      await screen.findByText(
        "Trop de demandes en peu de temps. Veuillez réessayer dans une minute.",
      ),
    ).toBeVisible();
  });

  it("is in German too", async () => {
    const { user } = await renderApp({ path: "/inscription", browserLanguage: "de-CH" });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Registrierung");
    await user.click(screen.getByLabelText("Organisation / Unternehmen"));
    expect(screen.getByRole("region", { name: "Unternehmen" })).toBeVisible();
    expect(screen.getByLabelText(/UID-Nummer/)).toBeVisible();
    expect(screen.getByRole("radio", { name: "Deutsch" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Registrieren" }));
    expect(
      screen.getByRole("link", { name: "Das Feld Name des Unternehmens ist erforderlich." }),
    ).toBeVisible();
  });
});
