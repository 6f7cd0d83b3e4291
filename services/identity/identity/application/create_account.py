"""Create an account in status pending (a registration) — idempotent by account id."""

from dataclasses import dataclass
from uuid import UUID

from identity.application.dependencies import Dependencies
from identity.application.errors import (
    EmailTaken,
    account_conflict,
    field_error,
    invalid_fields,
)
from identity.application.ports import IdentityUnitOfWork
from identity.application.validation import (
    check_new_password,
    checked_email,
    checked_mobile,
    checked_name,
)
from identity.domain.account import Account, AccountStatus, Language, normalise_email
from kernel.errors import FieldError


@dataclass(frozen=True)
class CreateAccount:
    account_id: UUID
    email: str
    password: str
    mobile: str
    language: Language
    first_name: str
    last_name: str


@dataclass(frozen=True)
class AccountCreated:
    account: Account
    created: bool  # False: the same request was already served (a retry)


async def create_account(
    command: CreateAccount, uow: IdentityUnitOfWork, deps: Dependencies
) -> AccountCreated:
    errors: list[FieldError] = []
    email = checked_email(command.email, "email", errors)
    mobile = checked_mobile(command.mobile, "mobile", errors)
    first_name = checked_name(command.first_name, "first_name", errors)
    last_name = checked_name(command.last_name, "last_name", errors)
    check_new_password(
        command.password,
        common=deps.common_passwords,
        email=email,
        first_name=first_name,
        last_name=last_name,
        errors=errors,
    )
    async with uow:
        existing = await uow.accounts.get(command.account_id)
        if existing is not None:
            # A retry after a lost answer: same person, nothing changes (not even the password).
            if existing.same_registration(command.email):
                return AccountCreated(existing, created=False)
            raise account_conflict()
        if errors:
            raise invalid_fields(*errors)
        if await uow.accounts.email_taken(normalise_email(email)):
            raise invalid_fields(field_error("email", "email_taken"))
        now = await deps.clock.now()
        account = Account(
            id=command.account_id,
            email=email,
            mobile=mobile,
            language=command.language,
            first_name=first_name,
            last_name=last_name,
            status=AccountStatus.PENDING,
            created_at=now,
            updated_at=now,
            password_hash=await deps.hasher.hash(command.password),
        )
        try:
            await uow.accounts.add(account)
        except EmailTaken:
            raise invalid_fields(field_error("email", "email_taken")) from None
        await uow.commit()
    return AccountCreated(account, created=True)
