import { describe, expect, it } from "vitest";
import { SessionManager } from "../session/SessionManager";
import { fakeServer, json, problem, signedInRoutes } from "../test/fakeServer";
import { invoiceApi, invoiceListQuery } from "./invoices";

const PDF = "GET /api/documents/invoices/inv-1/pdf";

describe("invoice API client", () => {
  it("waits while the PDF copy is being rendered, then gets it as a file", async () => {
    let calls = 0;
    const server = fakeServer({
      ...signedInRoutes(),
      [PDF]: () => {
        calls += 1;
        return calls < 3
          ? problem(404, "not_found", {}, { "Retry-After": "1" })
          : new Response("%PDF-1.7", {
              status: 200,
              headers: { "content-type": "application/pdf" },
            });
      },
    });
    const session = new SessionManager();
    const waits: number[] = [];
    const result = await invoiceApi(session, "fr").pdf("inv-1", 2, {
      wait: (seconds) => {
        waits.push(seconds);
        return Promise.resolve();
      },
    });
    expect(result.ok && (await result.data.text())).toBe("%PDF-1.7");
    expect(waits).toEqual([1, 1]);
    expect(server.sent(PDF)[0]?.url).toBe("/api/documents/invoices/inv-1/pdf?version=2");
    expect(server.sent(PDF)[0]?.headers.get("authorization")).toMatch(/^Bearer /);
  });

  it("gives up on a 404 without Retry-After (no such invoice)", async () => {
    const server = fakeServer({ ...signedInRoutes(), [PDF]: () => problem(404, "not_found") });
    const result = await invoiceApi(new SessionManager(), "fr").pdf("inv-1");
    expect(result.ok).toBe(false);
    expect(server.sent(PDF)).toHaveLength(1);
  });

  it("leaves empty filters out of the list's address", () => {
    expect(invoiceListQuery({ view: "to_correct", beneficiary: "  ", status: "" })).toBe(
      "?view=to_correct",
    );
  });

  it("sends an invoice with its Idempotency-Key", async () => {
    const server = fakeServer({
      ...signedInRoutes(),
      "POST /api/invoicing/invoices": () => json(201, { id: "inv-1" }),
    });
    await invoiceApi(new SessionManager(), "de").submit(
      {
        form: "318.632",
        beneficiary_id: "b-1",
        payee: { kind: "beneficiary" },
        decision: { number: "32320251000896", description: "", save: false },
        invoice_date: "2025-07-03",
        invoice_number: "A-1",
        remark: "",
        attachments: [],
        content: {},
      },
      "key-1",
    );
    const sent = server.sent("POST /api/invoicing/invoices")[0];
    expect(sent?.headers.get("idempotency-key")).toBe("key-1");
    expect(sent?.headers.get("accept-language")).toBe("de");
  });
});
