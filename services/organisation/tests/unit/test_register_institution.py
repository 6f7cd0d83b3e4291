"""Registering: checks first, then identity's account, then one commit (state + event)."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from contracts.organisation import RegistrationSubmitted
from kernel.errors import RuleViolated
from organisation.application.errors import ServiceUnavailable
from organisation.application.ports import AccountFieldError
from organisation.application.register_institution import (
    RegisterInstitution,
    register_institution,
)
from organisation.domain.registration import RegistrationStatus
from organisation.domain.registration_form import RegistrationForm

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


async def register(uow, identity, form: RegistrationForm, language="fr"):
    return await register_institution(
        RegisterInstitution(form=form, language=language), uow, identity, now=lambda: NOW
    )


def fields(error: RuleViolated) -> dict[str, str]:
    return {e.field: e.code for e in error.errors}


async def test_registration_creates_the_account_then_stores_and_announces(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    registered = await register(uow, identity, form())

    assert registered.status is RegistrationStatus.PENDING
    (account,) = identity.accounts
    assert (account.email, account.mobile, account.language) == (
        "anne.rey@example.ch",
        "+41791234567",
        "fr",
    )
    assert account.password == "un mot de passe assez long"
    stored = uow.registrations.rows[registered.institution_id]
    assert stored.manager.account_id == account.account_id
    assert stored.company.gln == "7601001234567"
    assert stored.submitted_at == NOW
    (event,) = uow.committed
    assert isinstance(event, RegistrationSubmitted)
    assert event.institution_id == registered.institution_id
    assert event.manager.account_id == account.account_id
    assert "mot de passe" not in event.model_dump_json()


async def test_invalid_form_reaches_neither_identity_nor_the_store(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    with pytest.raises(RuleViolated) as caught:
        await register(uow, identity, form(company={"gln": "7601001234560"}))
    assert fields(caught.value) == {"company.gln": "gln_check_digit"}
    assert identity.accounts == []
    assert uow.registrations.rows == {}
    assert uow.committed == []


async def test_a_registered_gln_is_refused_before_any_account_is_created(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    await register(uow, identity, form())
    with pytest.raises(RuleViolated) as caught:
        await register(uow, identity, form(manager={"email": "other@example.ch"}))
    (error,) = caught.value.errors
    assert (error.field, error.code) == ("company.gln", "gln_already_registered")
    # Nothing about the institution that holds it.
    assert "Atelier" not in error.message["fr"]
    assert "anne" not in error.message["fr"].lower()
    assert len(identity.accounts) == 1
    assert len(uow.registrations.rows) == 1


async def test_a_refused_registration_frees_its_gln(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    first = await register(uow, identity, form())
    uow.registrations.rows[first.institution_id].status = RegistrationStatus.REFUSED
    second = await register(uow, identity, form(manager={"email": "other@example.ch"}))
    assert second.institution_id != first.institution_id


async def test_gln_taken_by_a_concurrent_registration_is_the_same_field_error(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    uow.registrations.race_on_add = True
    with pytest.raises(RuleViolated) as caught:
        await register(uow, identity, form())
    assert fields(caught.value) == {"company.gln": "gln_already_registered"}
    assert uow.registrations.rows == {}
    assert uow.committed == []


async def test_identitys_field_errors_are_placed_under_manager(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    identity.refusal = [
        AccountFieldError("password", "password_common", "Ce mot de passe est trop courant."),
        AccountFieldError("email", "email_taken", "Cette adresse est déjà utilisée."),
    ]
    with pytest.raises(RuleViolated) as caught:
        await register(uow, identity, form(), language="de")
    assert [(e.field, e.code, e.message["de"]) for e in caught.value.errors] == [
        ("manager.password", "password_common", "Ce mot de passe est trop courant."),
        ("manager.email", "email_taken", "Cette adresse est déjà utilisée."),
    ]
    # Identity is asked in the caller's language, so its wording is the one to show.
    assert identity.languages == ["de"]
    assert uow.registrations.rows == {}
    assert uow.committed == []


async def test_identity_unavailable_is_a_503_and_nothing_is_stored(
    uow, identity, form: Callable[..., RegistrationForm]
) -> None:
    identity.unavailable = True
    with pytest.raises(ServiceUnavailable) as caught:
        await register(uow, identity, form(), language="de")
    assert caught.value.status == 503
    assert caught.value.code == "accounts_unavailable"
    assert "Minuten" in caught.value.detail
    assert uow.registrations.rows == {}
    assert uow.committed == []
