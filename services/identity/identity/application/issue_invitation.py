"""A manager adds a collaborator: an account without password, and an e-mailed link (7 days)
to choose one. Issuing again for the same account sends a new link and voids the old one."""

from dataclasses import dataclass
from uuid import UUID

from contracts.identity import InvitationIssued
from identity.application.dependencies import Dependencies
from identity.application.errors import (
    EmailTaken,
    account_conflict,
    field_error,
    invalid_fields,
)
from identity.application.ports import IdentityUnitOfWork
from identity.application.validation import checked_email, checked_mobile, checked_name
from identity.domain.account import Account, AccountStatus, Language, Role, normalise_email
from identity.domain.one_time_token import OneTimeToken, TokenPurpose
from identity.domain.secret_digest import token_digest
from kernel.errors import FieldError


@dataclass(frozen=True)
class IssueInvitation:
    account_id: UUID
    email: str
    first_name: str
    last_name: str
    mobile: str
    language: Language
    company_id: UUID
    company_name: str
    role: Role


@dataclass(frozen=True)
class InvitationSent:
    account: Account
    token: OneTimeToken
    created: bool  # False: the account existed; a new link replaced the old one


async def issue_invitation(
    command: IssueInvitation, uow: IdentityUnitOfWork, deps: Dependencies
) -> InvitationSent:
    errors: list[FieldError] = []
    email = checked_email(command.email, "email", errors)
    mobile = checked_mobile(command.mobile, "mobile", errors)
    first_name = checked_name(command.first_name, "first_name", errors)
    last_name = checked_name(command.last_name, "last_name", errors)
    async with uow:
        now = await deps.clock.now()
        account = await uow.accounts.get(command.account_id, for_update=True)
        created = account is None
        if account is not None:
            # Invited again: same person, same company, and no password chosen yet.
            if (
                not account.same_registration(command.email)
                or account.company_id != command.company_id
                or account.has_password
            ):
                raise account_conflict()
        else:
            if errors:
                raise invalid_fields(*errors)
            if await uow.accounts.email_taken(normalise_email(email)):
                raise invalid_fields(field_error("email", "email_taken"))
            account = Account(
                id=command.account_id,
                email=email,
                mobile=mobile,
                language=command.language,
                first_name=first_name,
                last_name=last_name,
                status=AccountStatus.ACTIVE,
                created_at=now,
                updated_at=now,
                company_id=command.company_id,
                role=command.role,
            )
            try:
                await uow.accounts.add(account)
            except EmailTaken:
                raise invalid_fields(field_error("email", "email_taken")) from None
        raw = deps.secrets.url_token()
        await uow.tokens.void_open(account.id, TokenPurpose.INVITATION, now)
        token = OneTimeToken.issue(
            digest=token_digest(raw),
            account_id=account.id,
            purpose=TokenPurpose.INVITATION,
            now=now,
        )
        await uow.tokens.add(token)
        uow.emit(
            InvitationIssued(
                account_id=account.id,
                language=account.language,
                email=account.email,
                first_name=account.first_name,
                company_name=command.company_name,
                sealed_token=deps.sealer.seal(raw),
                expires_at=token.expires_at,
            ),
            key=str(account.id),
        )
        await uow.commit()
    return InvitationSent(account, token, created)
