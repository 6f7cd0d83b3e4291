"""Account transitions, single-use links and the mobile hint."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from identity.domain.account import Account, AccountStatus, Role, normalise_email
from identity.domain.mobile import mobile_hint
from identity.domain.one_time_token import OneTimeToken, TokenPurpose, may_send_reset
from identity.domain.secret_digest import token_digest

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def make_account(**overrides: object) -> Account:
    values: dict[str, object] = {
        "id": uuid4(),
        "email": "Anne.Rey@Example.ch",
        "mobile": "+41791234567",
        "language": "fr",
        "first_name": "Anne",
        "last_name": "Rey",
        "status": AccountStatus.PENDING,
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(overrides)
    return Account(**values)  # type: ignore[arg-type]


def test_email_key_is_case_insensitive() -> None:
    assert make_account().email_key == "anne.rey@example.ch"
    assert normalise_email("  ANNE@ex.CH ") == "anne@ex.ch"


def test_approval_makes_the_manager_of_the_company() -> None:
    company = uuid4()
    account = make_account().activate_as_manager(company, T0)
    assert (account.status, account.company_id, account.role) == (
        AccountStatus.ACTIVE,
        company,
        Role.MANAGER,
    )
    assert account.activate_as_manager(company, T0 + timedelta(1)) is account


def test_refusal() -> None:
    account = make_account().refuse(T0)
    assert account.status is AccountStatus.REFUSED
    assert account.refuse(T0) is account


def test_retry_recognises_the_same_person() -> None:
    assert make_account().same_registration(" anne.rey@example.CH")
    assert not make_account().same_registration("other@example.ch")


def test_reset_link_lives_sixty_minutes_and_works_once() -> None:
    token = OneTimeToken.issue(
        digest=token_digest("t"), account_id=uuid4(), purpose=TokenPurpose.RESET, now=T0
    )
    assert token.is_usable(T0 + timedelta(minutes=59))
    assert not token.is_usable(T0 + timedelta(minutes=60))
    assert not token.use(T0).is_usable(T0)


def test_invitation_link_lives_seven_days() -> None:
    token = OneTimeToken.issue(
        digest="d", account_id=uuid4(), purpose=TokenPurpose.INVITATION, now=T0
    )
    assert token.is_usable(T0 + timedelta(days=6, hours=23))
    assert not token.is_usable(T0 + timedelta(days=7))


def test_reset_mails_are_capped() -> None:
    assert may_send_reset(4)
    assert not may_send_reset(5)


def test_mobile_hint_shows_only_the_prefix_and_the_last_two_digits() -> None:
    assert mobile_hint("+41 79 123 45 67") == "+41 79 *** ** 67"
    assert mobile_hint("+49 1512 3456789") == "+49 1512 *****89"
    assert mobile_hint("+41791234567") == "*********67"


def test_clients_cli_prints_an_entry_whose_hash_checks_the_secret(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from identity.adapters.clients import check_client_secret
    from identity.clients import main

    assert main(["new", "tool", "diagnostics"]) == 0
    captured = capsys.readouterr()
    entry = json.loads(captured.out)
    secret = captured.err.rsplit(": ", 1)[1].strip()
    assert entry["client_id"] == "tool"
    assert entry["scopes"] == ["diagnostics"]
    assert check_client_secret(entry["secret_hash"], secret)
    assert not check_client_secret(entry["secret_hash"], secret + "x")
