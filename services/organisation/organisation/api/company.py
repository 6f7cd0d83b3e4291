"""Ma société: the institution's profile, its members and its bank accounts (user tokens).

The institution is always the caller's (the ``company`` claim): another institution's member
or account answers 404. Reading the profile is open to every member; the rest to managers.
"""

from datetime import datetime
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from organisation.api.dependencies import LanguageDep, ManagerDep, MemberDep, UowDep
from organisation.application.bank_accounts import (
    SaveBankAccount,
    get_bank_account,
    list_bank_accounts,
    remove_bank_account,
    save_bank_account,
)
from organisation.application.members import (
    AddMember,
    ChangeMember,
    RemoveMember,
    add_member,
    change_member,
    institution_profile,
    list_members,
    remove_member,
)
from organisation.application.ports import IdentityAccounts
from organisation.domain.bank_accounts import BankAccount, BankAccountForm, formatted
from organisation.domain.members import Member, MemberChanges, MemberForm
from organisation.domain.registration import Role

# Strict, unknown fields refused; the domain checks blanks and formats field by field.
_EDGE = ConfigDict(extra="forbid", strict=True)


class InstitutionOut(BaseModel):
    id: UUID
    name: str
    gln: str
    uid: str | None
    street: str
    postcode: str
    locality: str
    phone: str


class MemberIn(BaseModel):
    model_config = _EDGE

    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    role: Literal["manager", "collaborator"]
    email: str = Field(max_length=254)
    mobile: str = Field(max_length=32)
    language: Literal["fr", "de"]


class MemberPatch(BaseModel):
    model_config = _EDGE

    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    role: Literal["manager", "collaborator"] | None = None
    mobile: str | None = Field(default=None, max_length=32)


class MemberOut(BaseModel):
    id: UUID
    account_id: UUID
    first_name: str
    last_name: str
    role: Literal["manager", "collaborator"]
    email: str
    mobile: str
    language: str
    created_at: datetime

    @classmethod
    def of(cls, member: Member) -> "MemberOut":
        return cls(
            id=member.id,
            account_id=member.account_id,
            first_name=member.first_name,
            last_name=member.last_name,
            role=member.role.value,
            email=member.email,
            mobile=member.mobile,
            language=member.language,
            created_at=member.created_at,
        )


class MembersOut(BaseModel):
    items: list[MemberOut]


class BankAccountIn(BaseModel):
    model_config = _EDGE

    iban: str = Field(max_length=64)
    holder: str = Field(max_length=200)
    label: str = Field(max_length=100)
    nif: str | None = Field(default=None, max_length=32)


class BankAccountOut(BaseModel):
    id: UUID
    iban: str
    iban_formatted: str
    holder: str
    label: str
    nif: str | None
    is_qr_iban: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, account: BankAccount) -> "BankAccountOut":
        details = account.details
        return cls(
            id=account.id,
            iban=details.iban,
            iban_formatted=formatted(details.iban),
            holder=details.holder,
            label=details.label,
            nif=details.nif,
            is_qr_iban=details.is_qr_iban,
            created_at=account.created_at,
            updated_at=account.updated_at,
        )


class BankAccountsOut(BaseModel):
    items: list[BankAccountOut]


def _company(principal: MemberDep) -> UUID:
    assert principal.company_id is not None  # institution_member guarantees it
    return principal.company_id


def company_router(identity: IdentityAccounts) -> APIRouter:
    router = APIRouter(prefix="/api/organisation", tags=["company"])

    @router.get("/institution")
    async def get_institution(principal: MemberDep, uow: UowDep) -> InstitutionOut:
        """The caller's institution (its name heads the user menu)."""
        profile = await institution_profile(_company(principal), uow)
        return InstitutionOut(**profile.__dict__)

    @router.get("/members")
    async def get_members(principal: ManagerDep, uow: UowDep) -> MembersOut:
        members = await list_members(_company(principal), uow)
        return MembersOut(items=[MemberOut.of(m) for m in members])

    @router.post("/members", status_code=201)
    async def post_member(
        body: MemberIn, principal: ManagerDep, uow: UowDep, language: LanguageDep
    ) -> MemberOut:
        """Add a member: identity e-mails them a link to choose their password."""
        form = MemberForm(**{**body.model_dump(), "role": Role(body.role)})
        member = await add_member(AddMember(_company(principal), form, language), uow, identity)
        return MemberOut.of(member)

    @router.patch("/members/{member_id}")
    async def patch_member(
        member_id: UUID,
        body: MemberPatch,
        principal: ManagerDep,
        uow: UowDep,
        language: LanguageDep,
    ) -> MemberOut:
        """Change names, role or mobile; the last manager cannot be demoted (409)."""
        changes = MemberChanges(
            first_name=body.first_name,
            last_name=body.last_name,
            role=Role(body.role) if body.role else None,
            mobile=body.mobile,
        )
        member = await change_member(
            ChangeMember(_company(principal), member_id, changes, language), uow
        )
        return MemberOut.of(member)

    @router.delete("/members/{member_id}", status_code=204)
    async def delete_member(
        member_id: UUID, principal: ManagerDep, uow: UowDep, language: LanguageDep
    ) -> Response:
        """Remove a member: their sessions end; the last manager cannot be removed (409)."""
        await remove_member(RemoveMember(_company(principal), member_id, language), uow)
        return Response(status_code=204)

    @router.get("/bank-accounts")
    async def get_bank_accounts(principal: MemberDep, uow: UowDep) -> BankAccountsOut:
        """Every member may read them: collaborators send invoices paid to these accounts;
        only managers change them."""
        accounts = await list_bank_accounts(_company(principal), uow)
        return BankAccountsOut(items=[BankAccountOut.of(a) for a in accounts])

    @router.get("/bank-accounts/{account_id}")
    async def get_one_bank_account(
        account_id: UUID, principal: MemberDep, uow: UowDep
    ) -> BankAccountOut:
        return BankAccountOut.of(await get_bank_account(_company(principal), account_id, uow))

    @router.post("/bank-accounts", status_code=201)
    async def post_bank_account(
        body: BankAccountIn, principal: ManagerDep, uow: UowDep
    ) -> BankAccountOut:
        account = await save_bank_account(
            SaveBankAccount(_company(principal), BankAccountForm(**body.model_dump())), uow
        )
        return BankAccountOut.of(account)

    @router.put("/bank-accounts/{account_id}")
    async def put_bank_account(
        account_id: UUID, body: BankAccountIn, principal: ManagerDep, uow: UowDep
    ) -> BankAccountOut:
        account = await save_bank_account(
            SaveBankAccount(_company(principal), BankAccountForm(**body.model_dump()), account_id),
            uow,
        )
        return BankAccountOut.of(account)

    @router.delete("/bank-accounts/{account_id}", status_code=204)
    async def delete_bank_account(account_id: UUID, principal: ManagerDep, uow: UowDep) -> Response:
        """Erased, or archived when an invoice named it (kept for that invoice's history)."""
        await remove_bank_account(_company(principal), account_id, uow)
        return Response(status_code=204)

    return router
