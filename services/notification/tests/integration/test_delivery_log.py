"""The delivery table on the real database: one row per event and channel, sent stays sent."""

from uuid import uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kernel.db import SessionFactory
from notification.adapters.delivery_log import SqlDeliveryLog
from notification.adapters.orm import delivery_table
from notification.domain.delivery import DeliveryStatus, Dispatch
from notification.domain.messages import Template

pytestmark = pytest.mark.stack


def make_dispatch(**overrides: object) -> Dispatch:
    values: dict[str, object] = {
        "event_id": uuid4(),
        "event_type": "identity.PasswordResetRequested",
        "template": Template.PASSWORD_RESET,
        "language": "fr",
        "recipient": f"log-{uuid4().hex[:8]}@example.ch",
    }
    return Dispatch(**(values | overrides))  # type: ignore[arg-type]


async def row(session_factory: SessionFactory, dispatch: Dispatch) -> dict[str, object]:
    async with session_factory() as session:
        found = (
            await session.execute(
                select(delivery_table).where(
                    delivery_table.c.event_id == dispatch.event_id,
                    delivery_table.c.channel == dispatch.key.channel.value,
                )
            )
        ).one()
    return dict(found._mapping)


async def test_claim_creates_one_pending_row_and_returns_it_again(
    session_factory: SessionFactory,
) -> None:
    log = SqlDeliveryLog(session_factory)
    dispatch = make_dispatch()

    first = await log.claim(dispatch)
    second = await log.claim(dispatch)

    assert (first.status, first.attempts) == (DeliveryStatus.PENDING, 0)
    assert second == first
    stored = await row(session_factory, dispatch)
    assert stored["template"] == "password_reset"
    assert stored["recipient"] == dispatch.recipient
    assert stored["language"] == "fr"


async def test_attempts_failures_and_success_are_recorded(session_factory: SessionFactory) -> None:
    log = SqlDeliveryLog(session_factory)
    dispatch = make_dispatch()
    await log.claim(dispatch)

    await log.record_attempt(dispatch.key)
    await log.note_failure(dispatch.key, "SMTP server answered 451 greylisted")
    await log.record_attempt(dispatch.key)
    await log.mark_sent(dispatch.key, "250 Message captured")

    stored = await row(session_factory, dispatch)
    assert stored["status"] == "sent"
    assert stored["attempts"] == 2
    assert stored["last_error"] == "SMTP server answered 451 greylisted"
    assert stored["provider_reference"] == "250 Message captured"
    assert stored["sent_at"] is not None
    assert (await log.claim(dispatch)).already_sent


async def test_a_sent_row_stays_sent(session_factory: SessionFactory) -> None:
    log = SqlDeliveryLog(session_factory)
    dispatch = make_dispatch()
    await log.claim(dispatch)
    await log.mark_sent(dispatch.key, None)

    # A late report from a concurrent or interrupted attempt changes nothing.
    await log.record_attempt(dispatch.key)
    await log.mark_failed(dispatch.key, "late failure")
    await log.mark_skipped(dispatch.key, "late expiry")

    stored = await row(session_factory, dispatch)
    assert (stored["status"], stored["attempts"], stored["last_error"]) == ("sent", 0, None)


async def test_email_and_sms_of_one_event_are_two_deliveries(
    session_factory: SessionFactory,
) -> None:
    log = SqlDeliveryLog(session_factory)
    event_id = uuid4()
    email = make_dispatch(event_id=event_id)
    sms = make_dispatch(event_id=event_id, template=Template.LOGIN_CODE, recipient="+41791112233")
    await log.claim(email)
    await log.claim(sms)
    await log.mark_skipped(sms.key, "expired before it could be sent")

    assert (await row(session_factory, email))["status"] == "pending"
    assert (await row(session_factory, sms))["status"] == "skipped"


async def test_the_database_refuses_a_second_row_and_unknown_states(
    session_factory: SessionFactory,
) -> None:
    dispatch = make_dispatch()
    values = {
        "event_id": dispatch.event_id,
        "channel": "email",
        "event_type": dispatch.event_type,
        "template": "password_reset",
        "language": "fr",
        "recipient": dispatch.recipient,
        "status": "pending",
    }
    async with session_factory() as session, session.begin():
        await session.execute(delivery_table.insert().values(**values))
    with pytest.raises(IntegrityError):
        async with session_factory() as session, session.begin():
            await session.execute(delivery_table.insert().values(**values))
    with pytest.raises(IntegrityError):
        async with session_factory() as session, session.begin():
            await session.execute(
                delivery_table.insert().values(**(values | {"event_id": uuid4(), "status": "lost"}))
            )
