"""The real senders against the local SMTP capture and developer inbox."""

from collections.abc import AsyncIterator
from uuid import uuid4

import httpx
import pytest

from notification.adapters.sms import CaptureSmsSender
from notification.adapters.smtp import SmtpConfig, SmtpEmailSender
from notification.domain.messages import Email, Sms

pytestmark = pytest.mark.stack


@pytest.fixture
async def address(inbox: httpx.AsyncClient) -> AsyncIterator[str]:
    address = f"smtp-{uuid4().hex[:10]}@example.ch"
    yield address
    await inbox.delete("/messages", params={"to": address})


@pytest.fixture
async def mobile(inbox: httpx.AsyncClient) -> AsyncIterator[str]:
    mobile = f"+41799{uuid4().int % 10**6:06d}"
    yield mobile
    await inbox.delete("/messages", params={"to": mobile})


async def test_an_email_reaches_the_smtp_capture_with_both_parts(
    inbox: httpx.AsyncClient, address: str
) -> None:
    sender = SmtpEmailSender(
        SmtpConfig(host="127.0.0.1", port=2525, from_address="no-reply@guichet.aivs.ch")
    )
    email = Email(
        to=address,
        to_name="Zoë Müller",
        from_name="Kantonale IV-Stelle Wallis",
        subject="Kantonale IV-Stelle Wallis – Einladung zum Online-Guichet der IV",
        text="Guten Tag Zoë\n\nhttp://127.0.0.1:8000/invitation?token=t-1\n",
        html='<p>Guten Tag Zoë</p><a href="http://127.0.0.1:8000/invitation?token=t-1">x</a>',
        language="de",
    )
    reference = await sender.send(email, idempotency_key="e2e.email")

    assert reference
    [message] = (await inbox.get("/messages", params={"to": address})).json()
    assert message["subject"] == email.subject
    assert message["from"] == "Kantonale IV-Stelle Wallis <no-reply@guichet.aivs.ch>"
    assert "Guten Tag Zoë" in message["text"]
    assert message["html"].startswith("<p>Guten Tag Zoë</p>")
    assert message["links"] == ["http://127.0.0.1:8000/invitation?token=t-1"]


async def test_an_sms_reaches_the_developer_inbox(inbox: httpx.AsyncClient, mobile: str) -> None:
    sender = CaptureSmsSender("http://127.0.0.1:8025/dev/inbox/api/sms", sender_id="Guichet")
    reference = await sender.send(
        Sms(to=mobile, text="Ihr Guichet-Zugangscode: 123456 (5 Minuten gültig)"),
        idempotency_key="e2e.sms",
    )

    [message] = (await inbox.get("/messages", params={"to": mobile, "kind": "sms"})).json()
    assert message["id"] == reference
    assert message["text"] == "Ihr Guichet-Zugangscode: 123456 (5 Minuten gültig)"
    assert message["from"] == "Guichet"
