"""Members, bank accounts and the institution's profile in organisation's database."""

from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from organisation.adapters.orm import bank_account, institution, membership
from organisation.application.ports import IbanAlreadyUsed, InstitutionProfile
from organisation.domain.bank_accounts import BankAccount, BankDetails
from organisation.domain.members import Member
from organisation.domain.registration import Role


def member_from_row(row: Any) -> Member:
    return Member(
        id=row.id,
        institution_id=row.institution_id,
        account_id=row.account_id,
        role=Role(row.role),
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.email,
        mobile=row.mobile,
        language=row.language,
        created_at=row.created_at,
    )


def bank_account_from_row(row: Any) -> BankAccount:
    return BankAccount(
        id=row.id,
        institution_id=row.institution_id,
        details=BankDetails(iban=row.iban, holder=row.holder, label=row.label, nif=row.nif),
        created_at=row.created_at,
        updated_at=row.updated_at,
        archived_at=row.archived_at,
        referenced=row.referenced,
    )


class SqlMembers:
    """Every query names the institution: another institution's member is not found."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_institution(self, institution_id: UUID) -> bool:
        """Serialises the changes of one institution's roster (the last-manager rule)."""
        found = await self._session.execute(
            sa.select(institution.c.id)
            .where(institution.c.id == institution_id, institution.c.status == "approved")
            .with_for_update()
        )
        return found.first() is not None

    async def roster(self, institution_id: UUID) -> list[Member]:
        rows = await self._session.execute(
            sa.select(membership)
            .where(membership.c.institution_id == institution_id)
            .order_by(membership.c.last_name, membership.c.first_name, membership.c.id)
        )
        return [member_from_row(row) for row in rows]

    async def add(self, member: Member) -> None:
        await self._session.execute(
            membership.insert().values(
                id=member.id,
                institution_id=member.institution_id,
                account_id=member.account_id,
                role=member.role.value,
                first_name=member.first_name,
                last_name=member.last_name,
                email=member.email,
                mobile=member.mobile,
                language=member.language,
                created_at=member.created_at,
            )
        )

    async def update(self, member: Member) -> None:
        await self._session.execute(
            membership.update()
            .where(
                membership.c.id == member.id,
                membership.c.institution_id == member.institution_id,
            )
            .values(
                role=member.role.value,
                first_name=member.first_name,
                last_name=member.last_name,
                mobile=member.mobile,
            )
        )

    async def remove(self, member: Member) -> None:
        await self._session.execute(
            membership.delete().where(
                membership.c.id == member.id,
                membership.c.institution_id == member.institution_id,
            )
        )

    async def profile(self, institution_id: UUID) -> InstitutionProfile | None:
        row = (
            await self._session.execute(
                sa.select(institution).where(
                    institution.c.id == institution_id, institution.c.status == "approved"
                )
            )
        ).first()
        if row is None:
            return None
        return InstitutionProfile(
            id=row.id,
            name=row.name,
            gln=row.gln,
            uid=row.uid,
            street=row.street,
            postcode=row.postcode,
            locality=row.locality,
            phone=row.phone,
        )


class SqlBankAccounts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def live(self, institution_id: UUID) -> list[BankAccount]:
        rows = await self._session.execute(
            sa.select(bank_account)
            .where(
                bank_account.c.institution_id == institution_id,
                bank_account.c.archived_at.is_(None),
            )
            .order_by(bank_account.c.created_at, bank_account.c.id)
        )
        return [bank_account_from_row(row) for row in rows]

    async def get(
        self, institution_id: UUID, account_id: UUID, *, for_update: bool = False
    ) -> BankAccount | None:
        query = sa.select(bank_account).where(
            bank_account.c.id == account_id,
            bank_account.c.institution_id == institution_id,
            bank_account.c.archived_at.is_(None),
        )
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return bank_account_from_row(row) if row else None

    async def iban_in_use(
        self, institution_id: UUID, iban: str, *, other_than: UUID | None = None
    ) -> bool:
        query = sa.select(bank_account.c.id).where(
            bank_account.c.institution_id == institution_id,
            bank_account.c.iban == iban,
            bank_account.c.archived_at.is_(None),
        )
        if other_than is not None:
            query = query.where(bank_account.c.id != other_than)
        return (await self._session.execute(query.limit(1))).first() is not None

    async def add(self, account: BankAccount) -> None:
        details = account.details
        await self._guarded(
            bank_account.insert().values(
                id=account.id,
                institution_id=account.institution_id,
                iban=details.iban,
                holder=details.holder,
                label=details.label,
                nif=details.nif,
                created_at=account.created_at,
                updated_at=account.updated_at,
                archived_at=account.archived_at,
            )
        )

    async def update(self, account: BankAccount) -> None:
        details = account.details
        await self._guarded(
            bank_account.update()
            .where(
                bank_account.c.id == account.id,
                bank_account.c.institution_id == account.institution_id,
            )
            .values(
                iban=details.iban,
                holder=details.holder,
                label=details.label,
                nif=details.nif,
                updated_at=account.updated_at,
                archived_at=account.archived_at,
            )
        )

    async def delete(self, account: BankAccount) -> None:
        await self._session.execute(
            bank_account.delete().where(
                bank_account.c.id == account.id,
                bank_account.c.institution_id == account.institution_id,
            )
        )

    async def mark_referenced(self, institution_id: UUID, account_id: UUID) -> bool:
        found = await self._session.execute(
            bank_account.update()
            .where(
                bank_account.c.id == account_id,
                bank_account.c.institution_id == institution_id,
            )
            .values(referenced=True)
            .returning(bank_account.c.id)
        )
        return found.first() is not None

    async def _guarded(self, statement: Any) -> None:
        try:
            await self._session.execute(statement)
        except IntegrityError as error:
            # The unit of work rolls the failed transaction back.
            if "uq_bank_account_iban_live" in str(error.orig):
                raise IbanAlreadyUsed from error
            raise
