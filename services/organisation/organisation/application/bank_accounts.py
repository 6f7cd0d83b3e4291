"""A manager adds, edits and removes the institution's bank accounts.

Removing erases an account no invoice named; an account an invoice named (``referenced``, set
from invoicing's events) is archived instead, so that it stays readable for that invoice's
history. An archived account is no longer listed, editable or offered, and its IBAN may be added
again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID, uuid4

from kernel.errors import NotFound
from organisation.application.errors import invalid
from organisation.application.ports import IbanAlreadyUsed, OrganisationUnitOfWork
from organisation.domain import bank_accounts as rules
from organisation.domain.bank_accounts import IBAN_ALREADY_USED, BankAccount, BankAccountForm
from organisation.domain.problems import InvalidInput


def _now() -> datetime:
    return datetime.now(UTC)


def bank_account_not_found() -> NotFound:
    return NotFound(code="bank_account_not_found", detail="no such bank account")


@dataclass(frozen=True)
class SaveBankAccount:
    institution_id: UUID
    form: BankAccountForm
    account_id: UUID | None = None  # None: a new account


async def list_bank_accounts(
    institution_id: UUID, uow: OrganisationUnitOfWork
) -> list[BankAccount]:
    async with uow:
        return await uow.bank_accounts.live(institution_id)


async def get_bank_account(
    institution_id: UUID, account_id: UUID, uow: OrganisationUnitOfWork
) -> BankAccount:
    async with uow:
        found = await uow.bank_accounts.get(institution_id, account_id)
    if found is None:
        raise bank_account_not_found()
    return found


async def save_bank_account(
    command: SaveBankAccount,
    uow: OrganisationUnitOfWork,
    *,
    now: Callable[[], datetime] = _now,
) -> BankAccount:
    try:
        details = rules.check(command.form)
    except InvalidInput as refused:
        raise invalid(refused.problems) from None
    async with uow:
        if not await uow.members.lock_institution(command.institution_id):
            raise bank_account_not_found()
        at = now()
        if command.account_id is None:
            account = BankAccount(
                id=uuid4(),
                institution_id=command.institution_id,
                details=details,
                created_at=at,
                updated_at=at,
            )
        else:
            existing = await uow.bank_accounts.get(
                command.institution_id, command.account_id, for_update=True
            )
            if existing is None:
                raise bank_account_not_found()
            account = existing.edited(details, at)
        if await uow.bank_accounts.iban_in_use(
            command.institution_id, details.iban, other_than=command.account_id
        ):
            raise invalid([IBAN_ALREADY_USED])
        try:
            if command.account_id is None:
                await uow.bank_accounts.add(account)
            else:
                await uow.bank_accounts.update(account)
        except IbanAlreadyUsed:
            raise invalid([IBAN_ALREADY_USED]) from None
        await uow.commit()
    return account


async def remove_bank_account(
    institution_id: UUID,
    account_id: UUID,
    uow: OrganisationUnitOfWork,
    *,
    now: Callable[[], datetime] = _now,
) -> None:
    async with uow:
        # The row lock orders this against the consumer marking the account referenced.
        existing = await uow.bank_accounts.get(institution_id, account_id, for_update=True)
        if existing is None:
            raise bank_account_not_found()
        if existing.referenced:
            await uow.bank_accounts.update(existing.archived(now()))
        else:
            await uow.bank_accounts.delete(existing)
        await uow.commit()
