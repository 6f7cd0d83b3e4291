"""Register an institution: check the form, create the manager's account in identity, then
store the pending registration and announce it in one transaction."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from kernel.errors import FieldError, RuleViolated
from kernel.i18n import Language
from organisation.application import registration_events
from organisation.application.errors import ServiceUnavailable, invalid
from organisation.application.ports import (
    AccountFieldError,
    AccountRefused,
    AccountsUnavailable,
    GlnAlreadyRegistered,
    IdentityAccounts,
    NewAccount,
    RegistrationsUnitOfWork,
)
from organisation.domain import registration_form
from organisation.domain.problems import InvalidInput
from organisation.domain.registration import Company, Manager, Registration, RegistrationStatus
from organisation.domain.registration_form import GLN_ALREADY_REGISTERED, RegistrationForm

log = logging.getLogger(__name__)

UNAVAILABLE: dict[Language, str] = {
    "fr": "L'inscription n'est pas possible pour le moment. Veuillez réessayer dans quelques "
    "minutes.",
    "de": "Die Registrierung ist im Moment nicht möglich. Bitte versuchen Sie es in einigen "
    "Minuten erneut.",
}


@dataclass(frozen=True)
class RegisterInstitution:
    form: RegistrationForm
    # The caller's language: identity's refusals come back worded in it.
    language: Language


@dataclass(frozen=True)
class Registered:
    institution_id: UUID
    status: RegistrationStatus


def _now() -> datetime:
    return datetime.now(UTC)


async def register_institution(
    command: RegisterInstitution,
    uow: RegistrationsUnitOfWork,
    identity: IdentityAccounts,
    *,
    now: Callable[[], datetime] = _now,
) -> Registered:
    try:
        applicant = registration_form.check(command.form)
    except InvalidInput as refused:
        raise invalid(refused.problems) from None

    # Checked before the account exists, so that a taken GLN leaves nothing behind in identity;
    # the unique index settles the rare race when the row is written.
    async with uow:
        if await uow.registrations.gln_in_use(applicant.gln):
            raise invalid([GLN_ALREADY_REGISTERED])

    # No transaction is open while identity works (it hashes the password).
    account = NewAccount(
        account_id=uuid4(),
        email=applicant.email,
        password=applicant.password,
        mobile=applicant.mobile,
        language=applicant.language,
        first_name=applicant.first_name,
        last_name=applicant.last_name,
    )
    try:
        await identity.create_account(account, language=command.language)
    except AccountRefused as refused:
        raise _under_manager(refused.errors) from None
    except AccountsUnavailable as error:
        log.error("registration refused for now: identity unavailable (%s)", error)
        raise ServiceUnavailable(
            code="accounts_unavailable", detail=UNAVAILABLE[command.language]
        ) from None

    registration = Registration.submit(
        institution_id=uuid4(),
        company=Company(
            name=applicant.company_name,
            gln=applicant.gln,
            uid=applicant.uid,
            street=applicant.street,
            postcode=applicant.postcode,
            locality=applicant.locality,
            phone=applicant.phone,
        ),
        manager=Manager(
            account_id=account.account_id,
            first_name=applicant.first_name,
            last_name=applicant.last_name,
            email=applicant.email,
            mobile=applicant.mobile,
            language=applicant.language,
        ),
        at=now(),
    )
    async with uow:
        try:
            await uow.registrations.add(registration)
        except GlnAlreadyRegistered:
            # The account created above stays pending without an institution; identity
            # never activates it, since no approval will ever name it.
            log.warning(
                "GLN taken by a concurrent registration; account %s unused", account.account_id
            )
            raise invalid([GLN_ALREADY_REGISTERED]) from None
        uow.emit(registration_events.submitted(registration), key=str(registration.institution_id))
        await uow.commit()
    log.info("registration %s submitted", registration.institution_id)
    return Registered(registration.institution_id, registration.status)


def _under_manager(errors: list[AccountFieldError]) -> RuleViolated:
    """Identity's field errors belong to the manager part of the form (``manager.password``)."""
    return RuleViolated(
        errors=[
            FieldError(
                f"manager.{error.field}" if error.field else "manager",
                error.code,
                # Identity answered in the caller's language, which is the one shown.
                {"fr": error.message, "de": error.message},
            )
            for error in errors
        ]
    )
