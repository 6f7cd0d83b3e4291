"""Handlers with fake senders: what is sent, once, never expired, never leaking a secret."""

import asyncio
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from contracts.identity import PasswordChanged
from contracts.organisation import RegistrationApproved, RegistrationRefused, RegistrationSubmitted
from notification.application.courier import Courier, Outcome
from notification.application.registration_emails import (
    when_registration_approved_send_email,
    when_registration_refused_send_email,
    when_registration_submitted_send_email,
)
from notification.application.when_invitation_issued_send_email import (
    when_invitation_issued_send_email,
)
from notification.application.when_login_code_issued_send_sms import (
    when_login_code_issued_send_sms,
)
from notification.application.when_password_changed_send_email import (
    when_password_changed_send_email,
)
from notification.application.when_password_reset_requested_send_email import (
    when_password_reset_requested_send_email,
)
from notification.domain.delivery import (
    DeliveryStatus,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from notification.domain.messages import Email, Sms

from .conftest import NOW, PUBLIC_URL, Fakes

# Handlers take the consumer's unit of work first; they do not use it (see courier.py).
NO_UOW: Any = None


async def test_login_code_is_sent_by_sms(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    event = make_login_code_issued(code="482913")
    await when_login_code_issued_send_sms(NO_UOW, event, courier=courier)

    assert fakes.sms.sent == [
        Sms(to="+41791234567", text="Votre code d'accès Guichet : 482913 (valable 5 minutes)")
    ]
    assert fakes.sms.keys == [f"{event.event_id}.sms"]
    assert fakes.email.sent == []
    row = fakes.log.only()
    assert (row.status, row.attempts, row.reference) == (DeliveryStatus.SENT, 1, "ref-1")
    assert row.dispatch.recipient == "+41791234567"
    assert fakes.observer.events == [("sent", "login_code", "")]


async def test_login_code_in_german(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    await when_login_code_issued_send_sms(
        NO_UOW, make_login_code_issued(code="000123", language="de"), courier=courier
    )
    assert fakes.sms.sent[0].text == "Ihr Guichet-Zugangscode: 000123 (5 Minuten gültig)"


async def test_an_expired_code_is_not_sent(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    event = make_login_code_issued(expires_at=NOW - timedelta(seconds=1))
    await when_login_code_issued_send_sms(NO_UOW, event, courier=courier)

    assert fakes.sms.attempts == 0
    row = fakes.log.only()
    assert row.status is DeliveryStatus.SKIPPED
    assert row.last_error == "expired before it could be sent"
    assert fakes.observer.events == [("skipped", "login_code", "expired")]


async def test_a_code_that_expires_while_retrying_is_not_sent_late(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    event = make_login_code_issued(expires_at=NOW + timedelta(seconds=30))
    fakes.sms.failures = [TransientDeliveryError("provider busy")]

    async def sleep_past_the_deadline(seconds: float) -> None:
        fakes.clock.now += timedelta(minutes=1)

    courier = Courier(**{**courier.__dict__, "sleep": sleep_past_the_deadline})
    await when_login_code_issued_send_sms(NO_UOW, event, courier=courier)

    assert fakes.sms.sent == []
    assert fakes.sms.attempts == 1
    assert fakes.log.only().status is DeliveryStatus.SKIPPED


async def test_a_replayed_event_sends_nothing_twice(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    event = make_login_code_issued()
    await when_login_code_issued_send_sms(NO_UOW, event, courier=courier)
    # The consumer's transaction failed after the send (or the inbox lost the event): the
    # handler runs again and finds the delivery row 'sent'.
    await when_login_code_issued_send_sms(NO_UOW, event, courier=courier)
    await when_login_code_issued_send_sms(NO_UOW, event, courier=courier)

    assert len(fakes.sms.sent) == 1
    assert fakes.log.only().attempts == 1


async def test_transient_failures_are_retried_with_backoff(
    courier: Courier, fakes: Fakes, make_password_reset_requested: Callable[..., Any]
) -> None:
    fakes.email.failures = [
        TransientDeliveryError("SMTP server unavailable"),
        TransientDeliveryError("SMTP server answered 451"),
    ]
    await when_password_reset_requested_send_email(
        NO_UOW, make_password_reset_requested(), courier=courier
    )

    assert len(fakes.email.sent) == 1
    assert fakes.pauses == [1.0, 2.0]
    row = fakes.log.only()
    assert (row.status, row.attempts) == (DeliveryStatus.SENT, 3)
    assert fakes.observer.events == [
        ("failed", "password_reset", "True"),
        ("failed", "password_reset", "True"),
        ("sent", "password_reset", ""),
    ]


async def test_exhausted_retries_fail_the_round_without_leaking_the_code(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    # A provider that echoes what it was sent: the code must not reach the log or the error.
    echo = TransientDeliveryError("rejected text 'Votre code d'accès Guichet : 555444'")
    fakes.sms.failures = [echo, echo, echo]

    with pytest.raises(TransientDeliveryError) as raised:
        await when_login_code_issued_send_sms(
            NO_UOW, make_login_code_issued(code="555444"), courier=courier
        )

    assert "555444" not in str(raised.value)
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None or "555444" not in str(raised.value.__context__)
    row = fakes.log.only()
    assert (row.status, row.attempts) == (DeliveryStatus.FAILED, 3)
    assert row.last_error is not None
    assert "555444" not in row.last_error
    assert "[redacted]" in row.last_error
    assert fakes.pauses == [1.0, 2.0]


async def test_a_permanent_failure_is_not_retried(
    courier: Courier, fakes: Fakes, make_invitation_issued: Callable[..., Any]
) -> None:
    fakes.email.failures = [PermanentDeliveryError("recipient refused by the SMTP server [550]")]

    with pytest.raises(PermanentDeliveryError, match="550"):
        await when_invitation_issued_send_email(NO_UOW, make_invitation_issued(), courier=courier)

    assert fakes.email.attempts == 1
    assert fakes.pauses == []
    assert fakes.log.only().status is DeliveryStatus.FAILED
    assert fakes.observer.events == [("failed", "invitation", "False")]


async def test_the_next_round_after_a_failed_one_sends(
    courier: Courier, fakes: Fakes, make_password_reset_requested: Callable[..., Any]
) -> None:
    # The kernel's consumer retries the handler after a failed round.
    event = make_password_reset_requested()
    fakes.email.failures = [TransientDeliveryError("down")] * 3
    with pytest.raises(TransientDeliveryError):
        await when_password_reset_requested_send_email(NO_UOW, event, courier=courier)
    await when_password_reset_requested_send_email(NO_UOW, event, courier=courier)

    assert len(fakes.email.sent) == 1
    row = fakes.log.only()
    assert (row.status, row.attempts) == (DeliveryStatus.SENT, 4)


async def test_an_adapter_bug_counts_as_a_failed_attempt(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    fakes.sms.failures = [RuntimeError("unexpected")]
    await when_login_code_issued_send_sms(NO_UOW, make_login_code_issued(), courier=courier)
    assert len(fakes.sms.sent) == 1
    assert fakes.log.only().attempts == 2


async def test_a_secret_sealed_with_another_key_fails_without_sending(
    make_courier: Callable[..., Courier], fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    from cryptography.fernet import Fernet
    from pydantic import SecretStr

    from kernel.sealing import Sealer

    stranger = Sealer(SecretStr(Fernet.generate_key().decode()))
    courier = make_courier(opener=stranger)

    with pytest.raises(PermanentDeliveryError, match="cannot be opened"):
        await when_login_code_issued_send_sms(NO_UOW, make_login_code_issued(), courier=courier)

    assert fakes.sms.attempts == 0
    assert fakes.log.only().status is DeliveryStatus.FAILED


async def test_stopping_mid_send_finishes_the_send_and_its_mark(
    courier: Courier, fakes: Fakes, make_login_code_issued: Callable[..., Any]
) -> None:
    """A graceful stop (the worker cancels its consumers) must not leave a sent message
    'pending', or the restart would send it a second time."""
    fakes.sms.gate = asyncio.Event()
    task = asyncio.create_task(
        when_login_code_issued_send_sms(NO_UOW, make_login_code_issued(), courier=courier)
    )
    await fakes.sms.started.wait()
    task.cancel()
    await asyncio.sleep(0)
    fakes.sms.gate.set()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(fakes.sms.sent) == 1
    assert fakes.log.only().status is DeliveryStatus.SENT


async def test_password_reset_email_carries_the_opened_link_not_the_sealed_one(
    courier: Courier, fakes: Fakes, make_password_reset_requested: Callable[..., Any]
) -> None:
    event = make_password_reset_requested(clear="Xy_12-ab")
    await when_password_reset_requested_send_email(NO_UOW, event, courier=courier)

    email: Email = fakes.email.sent[0]
    link = f"{PUBLIC_URL}/mot-de-passe/nouveau?token=Xy_12-ab"
    assert link in email.text
    assert event.sealed_token not in email.text + email.html
    assert (email.to, email.to_name, email.language) == ("anne.rey@example.ch", "Anne", "fr")
    assert email.from_name == "Office cantonal AI du Valais"
    assert email.subject == "Office cantonal AI du Valais – Réinitialisation de votre mot de passe"
    assert fakes.email.keys == [f"{event.event_id}.email"]


async def test_an_expired_reset_link_is_not_sent(
    courier: Courier, fakes: Fakes, make_password_reset_requested: Callable[..., Any]
) -> None:
    event = make_password_reset_requested(expires_at=NOW - timedelta(minutes=1))
    await when_password_reset_requested_send_email(NO_UOW, event, courier=courier)
    assert fakes.email.sent == []
    assert fakes.log.only().status is DeliveryStatus.SKIPPED


async def test_invitation_goes_to_the_collaborator_in_their_language(
    courier: Courier, fakes: Fakes, make_invitation_issued: Callable[..., Any]
) -> None:
    await when_invitation_issued_send_email(
        NO_UOW, make_invitation_issued(clear="inv-1"), courier=courier
    )
    email: Email = fakes.email.sent[0]
    assert email.to == "marc.imboden@example.ch"
    assert email.from_name == "Kantonale IV-Stelle Wallis"
    assert email.subject == "Kantonale IV-Stelle Wallis – Einladung zum Online-Guichet der IV"
    assert f"{PUBLIC_URL}/invitation?token=inv-1" in email.text
    assert f'href="{PUBLIC_URL}/invitation?token=inv-1"' in email.html


async def test_password_change_warns_the_owner(
    courier: Courier, fakes: Fakes, make_event: Callable[..., Any]
) -> None:
    await when_password_changed_send_email(
        NO_UOW, make_event(PasswordChanged, reason="change", language="de"), courier=courier
    )
    email: Email = fakes.email.sent[0]
    assert email.subject.endswith("Ihr Passwort wurde geändert")
    assert "«Mein Konto»" in email.text
    assert f"{PUBLIC_URL}/connexion" in email.text


@pytest.mark.parametrize(
    ("event_class", "handler", "subject", "phrase"),
    [
        (
            RegistrationSubmitted,
            when_registration_submitted_send_email,
            "Votre demande d'inscription a bien été reçue",
            "examinée et confirmée par l'Office AI",
        ),
        (
            RegistrationApproved,
            when_registration_approved_send_email,
            "Votre accès au Guichet en ligne est ouvert",
            f"{PUBLIC_URL}/connexion",
        ),
        (
            RegistrationRefused,
            when_registration_refused_send_email,
            "Décision concernant votre demande d'inscription",
            "Le GLN n'est pas au nom de la société.",
        ),
    ],
)
async def test_registration_emails_reach_the_manager(
    courier: Courier,
    fakes: Fakes,
    make_event: Callable[..., Any],
    event_class: type[Any],
    handler: Callable[..., Any],
    subject: str,
    phrase: str,
) -> None:
    event = make_event(event_class)
    await handler(NO_UOW, event, courier=courier)
    await handler(NO_UOW, event, courier=courier)

    assert len(fakes.email.sent) == 1
    email: Email = fakes.email.sent[0]
    assert (email.to, email.to_name) == ("anne.rey@example.ch", "Anne Rey")
    assert email.subject == f"Office cantonal AI du Valais – {subject}"
    assert phrase in email.text
    assert "Bonjour Anne Rey," in email.text
    assert "Atelier Rhône SA" in email.text


async def test_registration_email_follows_the_manager_language(
    courier: Courier, fakes: Fakes, make_event: Callable[..., Any]
) -> None:
    event = make_event(RegistrationApproved, manager={"language": "de", "first_name": "Urs"})
    await when_registration_approved_send_email(NO_UOW, event, courier=courier)
    email: Email = fakes.email.sent[0]
    assert email.subject == (
        "Kantonale IV-Stelle Wallis – Ihr Zugang zum Online-Guichet ist freigeschaltet"
    )
    assert email.text.startswith("Guten Tag Urs Rey\n")


async def test_outcomes_are_reported(
    courier: Courier, make_login_code_issued: Callable[..., Any]
) -> None:
    from notification.domain.delivery import Dispatch
    from notification.domain.messages import Template

    event = make_login_code_issued()
    dispatch = Dispatch(
        event_id=event.event_id,
        event_type=event.TYPE,
        template=Template.LOGIN_CODE,
        language="fr",
        recipient=event.mobile,
        not_after=event.expires_at,
    )

    def context(secrets: Any) -> dict[str, object]:
        return {"code": secrets["code"], "valid_minutes": 5, "otp_origin": None}

    sealed = {"code": event.sealed_code}
    assert await courier.deliver(dispatch, context, sealed=sealed) is Outcome.SENT
    assert await courier.deliver(dispatch, context, sealed=sealed) is Outcome.ALREADY_SENT
