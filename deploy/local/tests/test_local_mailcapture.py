"""Developer inbox: parsing, persistence, escaping and the JSON API."""

from email.message import EmailMessage
from pathlib import Path

import httpx

from guichet_local.mailcapture import Store, create_app, find_links, linkify


def _mail(to: str = "Anna <Anna@Example.ch>") -> bytes:
    message = EmailMessage()
    message["From"] = "Guichet <noreply@guichet.test>"
    message["To"] = to
    message["Subject"] = "Réinitialiser le mot de passe"
    message.set_content("Cliquez: https://127.0.0.1:8000/reset?token=abc&x=1.\nMerci")
    message.add_alternative(
        '<p><a href="http://127.0.0.1:8000/reset?t=1">reset</a><script>x()</script></p>',
        subtype="html",
    )
    return message.as_bytes()


def test_links_drop_trailing_punctuation() -> None:
    assert find_links("see https://a.test/x?y=1. and (http://b.test/z)") == [
        "https://a.test/x?y=1",
        "http://b.test/z",
    ]


def test_linkify_escapes_everything_but_the_links() -> None:
    out = linkify('<b>hi</b> https://a.test/?a=1&b="2" javascript:alert(1)')
    assert "<b>" not in out
    assert '<a href="https://a.test/?a=1&amp;b=' in out
    assert 'href="javascript' not in out


def test_email_is_found_by_envelope_and_header_recipients(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.load()
    store.add_email("noreply@guichet.test", ["anna@example.ch", "hidden@example.ch"], _mail())
    assert len(store.newest_first("ANNA@example.ch")) == 1
    assert len(store.newest_first("hidden@example.ch")) == 1
    message = store.newest_first()[0]
    assert message.subject == "Réinitialiser le mot de passe"
    assert "\r" not in message.text
    assert message.links == [
        "https://127.0.0.1:8000/reset?token=abc&x=1",
        "http://127.0.0.1:8000/reset?t=1",
    ]


def test_messages_survive_a_restart_and_can_be_cleared(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.load()
    store.add_email("a@guichet.test", ["anna@example.ch"], _mail())
    store.add_sms("+41 79 123 45 67", "Code 123456")
    again = Store(tmp_path)
    again.load()
    assert [m.kind for m in again.newest_first()] == ["sms", "email"]
    assert again.newest_first("+41791234567")[0].text == "Code 123456"
    assert again.delete("anna@example.ch") == 1
    assert [m.kind for m in again.newest_first()] == ["sms"]


async def test_api_and_pages(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.load()
    store.add_email("a@guichet.test", ["anna@example.ch"], _mail())
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://inbox") as client:
        await _exercise(client)


async def _exercise(client: httpx.AsyncClient) -> None:
    sms = {"to": "+41790000000", "text": "Code 42"}
    created = await client.post("/dev/inbox/api/sms", json=sms)
    assert created.status_code == 201
    refused = await client.post("/dev/inbox/api/sms", json={"to": 5})
    assert refused.status_code == 422

    response = await client.get("/dev/inbox/api/messages", params={"to": "anna@example.ch"})
    found = response.json()
    assert [m["kind"] for m in found] == ["email"]
    assert found[0]["from"] == "Guichet <noreply@guichet.test>"

    page = await client.get(f"/dev/inbox/messages/{found[0]['id']}")
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert 'href="https://127.0.0.1:8000/reset?token=abc&amp;x=1"' in page.text

    listing = (await client.get("/dev/inbox/")).text
    assert listing.index("Code 42") < listing.index("Réinitialiser")

    assert (await client.delete("/dev/inbox/api/messages")).json() == {"deleted": 2}
    assert (await client.get("/dev/inbox/api/messages")).json() == []
