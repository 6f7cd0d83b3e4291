"""Adapters without servers: the MIME message, error sorting, the SMS provider request, settings
and the wiring in bootstrap."""

import email
import json
from email import policy
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any
from uuid import uuid4

import aiosmtplib
import httpx
import pytest
from prometheus_client import REGISTRY
from pydantic import SecretStr, ValidationError

from contracts.identity import LoginCodeIssued, PasswordResetRequested
from contracts.invoicing import InvoiceAccepted, InvoiceCorrectionRequested, InvoiceRefused
from contracts.organisation import Manager, RegistrationRefused, RegistrationSubmitted
from kernel.runtime import build_runtime
from notification import bootstrap
from notification.adapters.metrics import PrometheusDeliveryObserver
from notification.adapters.sms import CaptureSmsSender, HttpSmsConfig, HttpSmsSender
from notification.adapters.smtp import SmtpConfig, SmtpEmailSender, classify
from notification.domain.delivery import Dispatch, PermanentDeliveryError, TransientDeliveryError
from notification.domain.messages import Email, Sms, Template
from notification.settings import NotificationSettings

SMS = Sms(to="+41791234567", text="Votre code d'accès Guichet : 123456 (valable 5 minutes)")


def make_email(**overrides: Any) -> Email:
    values: dict[str, Any] = {
        "to": "anne.rey@example.ch",
        "to_name": "Anne Rey",
        "from_name": "Office cantonal AI du Valais",
        "subject": "Office cantonal AI du Valais – Réinitialisation de votre mot de passe",
        "text": "Bonjour Anne,\n\nhttp://127.0.0.1:8000/mot-de-passe/nouveau?token=abc\n",
        "html": '<p>Bonjour Anne,</p><a href="http://127.0.0.1:8000/x">x</a>',
        "language": "fr",
    }
    return Email(**(values | overrides))


def parse(raw: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def sender() -> SmtpEmailSender:
    return SmtpEmailSender(SmtpConfig(host="x", port=25, from_address="no-reply@guichet.aivs.ch"))


def test_the_email_has_both_parts_and_automatic_headers() -> None:
    raw = sender().build(make_email(), idempotency_key="0b6e.email")
    message = parse(raw)

    assert message["From"] == "Office cantonal AI du Valais <no-reply@guichet.aivs.ch>"
    assert message["To"] == "Anne Rey <anne.rey@example.ch>"
    assert message["Subject"] == make_email().subject
    assert message["Message-ID"] == "<0b6e.email@guichet.aivs.ch>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "fr"
    assert message["Date"]
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert "token=abc" in text.get_content()
    assert html is not None
    assert "<p>Bonjour Anne,</p>" in html.get_content()
    # SMTP line limits: CRLF line ends, nothing near 998 characters.
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78


@pytest.mark.parametrize(
    "subject",
    [
        "Office cantonal AI du Valais – Votre mot de passe a été modifié",
        "Kantonale IV-Stelle Wallis – Ihr Zugang zum Online-Guichet ist freigeschaltet",
        "Office cantonal AI du Valais – Décision concernant votre demande d'inscription",
        "Kantonale IV-Stelle Wallis – " + " ".join(["sehr lange Überschrift"] * 8),
    ],
)
def test_long_accented_subjects_keep_every_space(subject: str) -> None:
    # Python 3.11's own folding turns the first one into "mot de passea été modifié".
    message = parse(sender().build(make_email(subject=subject), idempotency_key="k"))
    assert message["Subject"] == subject


def test_accented_names_are_encoded() -> None:
    message = parse(
        sender().build(
            make_email(to_name="Zoë Müller-Imboden", from_name="Kantonale IV-Stelle Wallis"),
            idempotency_key="k",
        )
    )
    assert message["To"] == "Zoë Müller-Imboden <anne.rey@example.ch>"
    assert message["To"].addresses[0].addr_spec == "anne.rey@example.ch"


def test_a_name_cannot_inject_headers() -> None:
    raw = sender().build(
        make_email(to_name="Anne\r\nBcc: victim@example.ch", subject="x\r\nBcc: v@example.ch"),
        idempotency_key="k",
    )
    message = parse(raw)
    assert message["Bcc"] is None
    assert "victim" not in str(message["To"].addresses[0].addr_spec)


async def test_an_address_the_email_package_refuses_is_permanent() -> None:
    with pytest.raises(PermanentDeliveryError, match="cannot be built"):
        await sender().send(make_email(to="not an address <<>>"), idempotency_key="k")


async def test_an_unreachable_smtp_server_is_transient() -> None:
    # Port 9 (discard) is closed on loopback: the connection is refused at once.
    sender = SmtpEmailSender(
        SmtpConfig(host="127.0.0.1", port=9, from_address="no-reply@guichet.aivs.ch", timeout=2)
    )
    with pytest.raises(TransientDeliveryError, match="unavailable"):
        await sender.send(make_email(), idempotency_key="k")


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (aiosmtplib.SMTPResponseException(421, "try later"), TransientDeliveryError),
        (aiosmtplib.SMTPResponseException(451, "greylisted"), TransientDeliveryError),
        (aiosmtplib.SMTPResponseException(554, "rejected"), PermanentDeliveryError),
        (aiosmtplib.SMTPAuthenticationError(535, "bad credentials"), PermanentDeliveryError),
        (aiosmtplib.SMTPServerDisconnected("gone"), TransientDeliveryError),
        (aiosmtplib.SMTPConnectError("refused"), TransientDeliveryError),
        (ConnectionResetError("reset"), TransientDeliveryError),
        (
            aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(550, "no", "a@b")]),
            PermanentDeliveryError,
        ),
        (
            aiosmtplib.SMTPRecipientsRefused([aiosmtplib.SMTPRecipientRefused(452, "full", "a@b")]),
            TransientDeliveryError,
        ),
    ],
)
def test_smtp_errors_are_sorted(error: Exception, kind: type[Exception]) -> None:
    assert type(classify(error)) is kind


class Provider:
    """A fake SMS provider behind httpx's mock transport."""

    def __init__(self, status: int = 200, body: Any = None) -> None:
        self.status = status
        self.body = body if body is not None else {"id": "msg-42"}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body)

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def make_http_sender(provider: Provider, **overrides: Any) -> HttpSmsSender:
    values: dict[str, Any] = {
        "url": "https://sms.example.ch/v1/messages",
        "api_key": SecretStr("key-123"),
        "sender_id": "AI Valais",
    }
    return HttpSmsSender(HttpSmsConfig(**(values | overrides)), transport=provider.transport)


async def test_http_provider_gets_json_with_its_key_and_an_idempotency_key() -> None:
    provider = Provider()
    reference = await make_http_sender(provider).send(SMS, idempotency_key="evt.sms")

    assert reference == "msg-42"
    request = provider.requests[0]
    assert str(request.url) == "https://sms.example.ch/v1/messages"
    assert request.headers["Authorization"] == "Bearer key-123"
    assert request.headers["Idempotency-Key"] == "evt.sms"
    assert json.loads(request.content) == {
        "to": "+41791234567",
        "text": SMS.text,
        "from": "AI Valais",
    }


async def test_http_provider_fields_and_key_header_are_configurable() -> None:
    provider = Provider(body={"messageId": 7})
    sender = make_http_sender(
        provider,
        api_key_header="X-Api-Key",
        api_key_prefix="",
        fields={"to": "recipient", "text": "message", "from": "originator"},
        extra={"account": "oai-vs"},
        idempotency_header=None,
        reference_field="messageId",
    )
    assert await sender.send(SMS, idempotency_key="evt.sms") == "7"
    request = provider.requests[0]
    assert request.headers["X-Api-Key"] == "key-123"
    assert "Idempotency-Key" not in request.headers
    assert json.loads(request.content) == {
        "account": "oai-vs",
        "recipient": "+41791234567",
        "message": SMS.text,
        "originator": "AI Valais",
    }


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (500, TransientDeliveryError),
        (503, TransientDeliveryError),
        (429, TransientDeliveryError),
        (408, TransientDeliveryError),
        (400, PermanentDeliveryError),
        (401, PermanentDeliveryError),
        (422, PermanentDeliveryError),
    ],
)
async def test_http_provider_errors_are_sorted_and_never_echo_the_text(
    status: int, kind: type[Exception]
) -> None:
    provider = Provider(status=status, body={"error": f"bad message {SMS.text}"})
    with pytest.raises(kind) as raised:
        await make_http_sender(provider).send(SMS, idempotency_key="k")
    assert "123456" not in str(raised.value)
    assert str(status) in str(raised.value)


async def test_http_provider_unreachable_is_transient() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    sender = HttpSmsSender(
        HttpSmsConfig(url="https://sms.example.ch", api_key=SecretStr("k"), sender_id="G"),
        transport=httpx.MockTransport(refuse),
    )
    with pytest.raises(TransientDeliveryError, match="unreachable"):
        await sender.send(SMS, idempotency_key="k")


async def test_capture_posts_what_the_developer_inbox_expects() -> None:
    provider = Provider(status=201, body={"id": "0001-abc"})
    sender = CaptureSmsSender(
        "http://127.0.0.1:8025/dev/inbox/api/sms", sender_id="Guichet", transport=provider.transport
    )
    assert await sender.send(SMS, idempotency_key="k") == "0001-abc"
    assert json.loads(provider.requests[0].content) == {
        "to": "+41791234567",
        "text": SMS.text,
        "from": "Guichet",
    }


# --- settings and wiring ------------------------------------------------------------------

BASE = {
    "database_url": "postgresql+asyncpg://x@127.0.0.1/x",
    "kafka_bootstrap": "x",
    "jwks_url": "x",
}


def test_local_mode_captures_sms_and_needs_no_keys(tmp_path: Path) -> None:
    settings = NotificationSettings(mode="local", state_dir=tmp_path, **BASE)
    assert settings.effective_sms_provider == "capture"
    assert settings.office_name_fr == "Office cantonal AI du Valais"
    assert settings.office_address == ["Av. de la Gare 15", "Case postale", "1951 Sion"]


def test_production_refuses_missing_keys_in_one_message() -> None:
    with pytest.raises(ValidationError) as raised:
        NotificationSettings(mode="production", **BASE)
    message = str(raised.value)
    assert "NOTIFICATION_SEALING_KEY" in message
    assert "NOTIFICATION_SMS_PROVIDER_URL" in message
    assert "NOTIFICATION_SMS_PROVIDER_API_KEY" in message


def test_production_refuses_the_capture_adapter() -> None:
    with pytest.raises(ValidationError, match="local mode only"):
        NotificationSettings(
            mode="production", sms_provider="capture", sealing_key="k" * 44, **BASE
        )


def test_smtp_credentials_require_tls(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="SMTP_STARTTLS"):
        NotificationSettings(
            mode="local", state_dir=tmp_path, smtp_username="u", smtp_password="p", **BASE
        )


def test_bootstrap_separates_login_codes_from_emails(tmp_path: Path) -> None:
    settings = NotificationSettings(mode="local", state_dir=tmp_path, **BASE)
    runtime = build_runtime(settings)
    plan = {s.name: s for s in bootstrap.subscriptions(runtime)}

    assert set(plan) == {
        "diagnostics",
        "login-codes",
        "account-emails",
        "registration-emails",
        "invoice-emails",
    }
    assert set(plan["login-codes"].handlers) == {LoginCodeIssued}
    assert PasswordResetRequested in plan["account-emails"].handlers
    assert plan["registration-emails"].topics == ["organisation.registration"]
    assert RegistrationRefused in plan["registration-emails"].handlers
    # Invoice decisions queue behind nothing else and hold nothing else up.
    assert set(plan["invoice-emails"].handlers) == {
        InvoiceAccepted,
        InvoiceCorrectionRequested,
        InvoiceRefused,
    }
    assert plan["invoice-emails"].topics == ["invoicing.invoice"]
    assert not plan["invoice-emails"].batched
    assert all(
        "invoicing.invoice" not in plan[name].topics for name in plan if name != "invoice-emails"
    )
    handler = plan["login-codes"].handlers[LoginCodeIssued]
    assert handler.__name__ == "when_login_code_issued_send_sms"
    # Listing touched nothing; building the courier generates the key identity shares.
    assert not (tmp_path / "event-sealing-key").exists()
    bootstrap.courier(runtime)
    assert (tmp_path / "event-sealing-key").exists()


async def test_handlers_build_the_courier_once_on_first_use() -> None:
    built: list[int] = []
    seen: list[Any] = []

    class Recorder:
        async def deliver(self, dispatch: Any, context: Any, **_: Any) -> None:
            seen.append(dispatch.template)

    def make() -> Any:
        built.append(1)
        return Recorder()

    handlers = bootstrap.delivery_handlers(cache(make))["registration-emails"]
    assert built == []
    handler = handlers[RegistrationSubmitted]
    event = RegistrationSubmitted(
        institution_id=uuid4(),
        institution_name="Atelier",
        gln="7601001234567",
        manager=Manager(
            account_id=uuid4(), first_name="A", last_name="R", email="a@ex.ch", language="fr"
        ),
    )
    await handler(None, event)  # type: ignore[arg-type]
    await handler(None, event)  # type: ignore[arg-type]
    assert built == [1]
    assert [t.value for t in seen] == ["registration_submitted"] * 2


def test_bootstrap_picks_the_http_provider_when_configured(tmp_path: Path) -> None:
    settings = NotificationSettings(
        mode="local",
        state_dir=tmp_path,
        sms_provider="http",
        sms_provider_url="https://sms.example.ch",
        sms_provider_api_key="k",
        **BASE,
    )
    assert isinstance(bootstrap.sms_sender(settings), HttpSmsSender)


def test_metrics_count_by_channel_and_template() -> None:
    def value(name: str, **labels: str) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    observer = PrometheusDeliveryObserver()
    # Initialised at zero before anything happens.
    assert (
        REGISTRY.get_sample_value(
            "guichet_sms_failed_total", {"template": "login_code", "kind": "permanent"}
        )
        is not None
    )

    sms = Dispatch(uuid4(), "t", Template.LOGIN_CODE, "fr", "+41791234567")
    email = Dispatch(uuid4(), "t", Template.INVITATION, "de", "a@example.ch")
    before = (
        value("guichet_sms_sent_total", template="login_code"),
        value("guichet_emails_failed_total", template="invitation", kind="transient"),
        value("guichet_emails_sent_total", template="invitation"),
    )
    observer.sent(sms)
    observer.failed(email, transient=True)
    observer.sent(email)
    after = (
        value("guichet_sms_sent_total", template="login_code"),
        value("guichet_emails_failed_total", template="invitation", kind="transient"),
        value("guichet_emails_sent_total", template="invitation"),
    )
    assert [b - a for a, b in zip(before, after, strict=True)] == [1.0, 1.0, 1.0]
