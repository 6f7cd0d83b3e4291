"""Registrations in organisation's database, and the unit of work that hands them out."""

from typing import Any, Self
from uuid import UUID, uuid4

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import distinct_on
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from kernel.uow import UnitOfWork
from organisation.adapters.members import SqlBankAccounts, SqlMembers
from organisation.adapters.orm import institution, membership
from organisation.application.ports import GlnAlreadyRegistered
from organisation.domain.registration import (
    Company,
    Decision,
    Manager,
    Registration,
    RegistrationStatus,
    Role,
)

# The registrant is the institution's first manager: the one membership a registration has.
_registrant = (
    sa.select(membership)
    .where(membership.c.role == Role.MANAGER.value)
    .order_by(membership.c.institution_id, membership.c.created_at, membership.c.id)
    .ext(distinct_on(membership.c.institution_id))
    .subquery("registrant")
)

REGISTRATIONS = sa.select(
    institution,
    _registrant.c.account_id,
    _registrant.c.first_name,
    _registrant.c.last_name,
    _registrant.c.email,
    _registrant.c.mobile,
    _registrant.c.language,
).join(_registrant, _registrant.c.institution_id == institution.c.id)


def registration_from_row(row: Any) -> Registration:
    decision = None
    if row.decided_at is not None:
        decision = Decision(row.decided_by, row.decided_at, row.refusal_reason)
    return Registration(
        institution_id=row.id,
        company=Company(
            name=row.name,
            gln=row.gln,
            uid=row.uid,
            street=row.street,
            postcode=row.postcode,
            locality=row.locality,
            phone=row.phone,
        ),
        manager=Manager(
            account_id=row.account_id,
            first_name=row.first_name,
            last_name=row.last_name,
            email=row.email,
            mobile=row.mobile,
            language=row.language,
        ),
        submitted_at=row.submitted_at,
        status=RegistrationStatus(row.status),
        decision=decision,
        version=row.version,
    )


class SqlRegistrations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def gln_in_use(self, gln: str) -> bool:
        found = await self._session.execute(
            sa.select(institution.c.id)
            .where(institution.c.gln == gln, institution.c.status != "refused")
            .limit(1)
        )
        return found.first() is not None

    async def add(self, registration: Registration) -> None:
        company, manager = registration.company, registration.manager
        try:
            await self._session.execute(
                institution.insert().values(
                    id=registration.institution_id,
                    name=company.name,
                    gln=company.gln,
                    uid=company.uid,
                    street=company.street,
                    postcode=company.postcode,
                    locality=company.locality,
                    phone=company.phone,
                    status=registration.status.value,
                    submitted_at=registration.submitted_at,
                    version=registration.version,
                )
            )
        except IntegrityError as error:
            # The unit of work rolls the failed transaction back.
            if "uq_institution_gln_active" in str(error.orig):
                raise GlnAlreadyRegistered(company.gln) from error
            raise
        await self._session.execute(
            membership.insert().values(
                id=uuid4(),
                institution_id=registration.institution_id,
                account_id=manager.account_id,
                role=Role.MANAGER.value,
                first_name=manager.first_name,
                last_name=manager.last_name,
                email=manager.email,
                mobile=manager.mobile,
                language=manager.language,
                created_at=registration.submitted_at,
            )
        )

    async def get(self, institution_id: UUID) -> Registration | None:
        row = (
            await self._session.execute(REGISTRATIONS.where(institution.c.id == institution_id))
        ).first()
        return registration_from_row(row) if row else None

    async def save_decision(self, registration: Registration) -> bool:
        decision = registration.decision
        if decision is None:
            raise ValueError("no decision to save")
        saved = await self._session.execute(
            institution.update()
            .where(
                institution.c.id == registration.institution_id,
                # Optimistic lock: the version read before the decision, else someone won.
                institution.c.version == registration.version - 1,
            )
            .values(
                status=registration.status.value,
                decided_at=decision.decided_at,
                decided_by=decision.decided_by,
                refusal_reason=decision.reason,
                version=registration.version,
            )
            .returning(institution.c.id)
        )
        return saved.first() is not None


class SqlUnitOfWork(UnitOfWork):
    """The kernel's unit of work (transaction + outbox) with organisation's repositories."""

    registrations: SqlRegistrations
    members: SqlMembers
    bank_accounts: SqlBankAccounts

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.registrations = SqlRegistrations(self.session)
        self.members = SqlMembers(self.session)
        self.bank_accounts = SqlBankAccounts(self.session)
        return self
