"""Delivery rules without I/O: links, expiry, retries, redaction."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from notification.domain.delivery import Dispatch, RetryPolicy, minutes_between
from notification.domain.links import Links
from notification.domain.messages import Channel, Office, Template
from notification.domain.privacy import REDACTED, mask_recipient, redact

NOW = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)


def make_dispatch(**overrides: object) -> Dispatch:
    values: dict[str, object] = {
        "event_id": uuid4(),
        "event_type": "identity.LoginCodeIssued",
        "template": Template.LOGIN_CODE,
        "language": "fr",
        "recipient": "+41791234567",
    }
    return Dispatch(**(values | overrides))  # type: ignore[arg-type]


def test_links_follow_the_agreed_paths() -> None:
    links = Links("https://guichet.aivs.ch/")
    assert links.login() == "https://guichet.aivs.ch/connexion"
    assert (
        links.password_reset("a-b_c") == "https://guichet.aivs.ch/mot-de-passe/nouveau?token=a-b_c"
    )
    assert links.invitation("x") == "https://guichet.aivs.ch/invitation?token=x"


def test_a_token_cannot_break_out_of_its_query_parameter() -> None:
    link = Links("http://127.0.0.1:8000").password_reset("a&next=https://evil.example/#x")
    assert link == (
        "http://127.0.0.1:8000/mot-de-passe/nouveau?token=a%26next%3Dhttps%3A%2F%2Fevil.example%2F%23x"
    )


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://guichet.aivs.ch", "guichet.aivs.ch"),
        ("https://guichet.aivs.ch:8443/", "guichet.aivs.ch"),
        ("http://guichet.aivs.ch", None),
        ("https://127.0.0.1:8000", None),
        ("http://127.0.0.1:8000", None),
        ("https://localhost", None),
    ],
)
def test_sms_codes_are_bound_only_to_a_real_https_domain(url: str, origin: str | None) -> None:
    assert Links(url).otp_origin == origin


def test_channel_follows_the_template() -> None:
    assert Template.LOGIN_CODE.channel is Channel.SMS
    assert {t.channel for t in Template if t is not Template.LOGIN_CODE} == {Channel.EMAIL}


def test_a_dispatch_expires_at_its_deadline() -> None:
    dispatch = make_dispatch(not_after=NOW)
    assert not dispatch.has_expired(NOW - timedelta(microseconds=1))
    assert dispatch.has_expired(NOW)
    assert not make_dispatch().has_expired(NOW + timedelta(days=3650))


def test_the_delivery_key_is_the_event_and_channel() -> None:
    event_id = uuid4()
    dispatch = make_dispatch(event_id=event_id)
    assert str(dispatch.key) == f"{event_id}.sms"


def test_validity_is_announced_in_whole_minutes() -> None:
    assert minutes_between(NOW, NOW + timedelta(minutes=5)) == 5
    assert minutes_between(NOW, NOW + timedelta(seconds=299)) == 5
    assert minutes_between(NOW, NOW + timedelta(seconds=10)) == 1


def test_backoff_doubles_up_to_its_cap() -> None:
    policy = RetryPolicy(attempts=5, base_delay=1.0, max_delay=5.0)
    assert [policy.delay_after(n) for n in range(1, 5)] == [1.0, 2.0, 4.0, 5.0]
    with pytest.raises(ValueError, match="at least one"):
        RetryPolicy(attempts=0)


def test_redaction_removes_every_secret() -> None:
    text = "provider said: bad text 'Votre code : 123456', token abc-def"
    cleaned = redact(text, ["123456", "abc-def", ""])
    assert "123456" not in cleaned
    assert "abc-def" not in cleaned
    assert cleaned.count(REDACTED) == 2


def test_recipients_are_masked_in_logs() -> None:
    assert mask_recipient("anne.rey@example.ch") == "a***@example.ch"
    assert mask_recipient("+41791234567") == "+4179***67"
    assert mask_recipient("+4179") == "***"


def test_the_office_name_falls_back_to_french() -> None:
    office = Office(names={"fr": "Office AI", "de": "IV-Stelle"}, address_lines=(), phone="")
    assert office.name("de") == "IV-Stelle"
    assert office.name("it") == "Office AI"
