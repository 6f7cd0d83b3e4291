"""Dependencies invoicing's routes declare."""

from typing import Annotated
from uuid import UUID

from fastapi import Depends, Header, Request

from invoicing.adapters.invoices import SqlUnitOfWork
from invoicing.application.ports import Caller
from kernel.auth import CurrentUser, Principal, office_with_scopes
from kernel.deps import RuntimeDep
from kernel.errors import Forbidden, Unauthorized
from kernel.i18n import Language, negotiate

REVIEW_SCOPE = "invoices:review"
AUDIT_SCOPE = "audit:read"


def get_uow(runtime: RuntimeDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(runtime.session_factory)


def language(request: Request) -> Language:
    return negotiate(request.headers.get("accept-language"))


LanguageDep = Annotated[Language, Depends(language)]


def get_caller(request: Request, principal: CurrentUser, answer_in: LanguageDep) -> Caller:
    """The institution's user; their token (verified just before) is forwarded to the owners
    of the data an invoice copies."""
    if principal.company_id is None:
        raise Forbidden(code="no_institution", detail="the account belongs to no institution")
    try:
        account_id = UUID(principal.subject)
    except ValueError:
        raise Unauthorized(detail="the token names no account") from None
    token = request.headers["authorization"].partition(" ")[2].strip()
    return Caller(
        account_id=account_id,
        institution_id=principal.company_id,
        token=token,
        language=answer_in,
    )


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="the same key and body within 24 h answers the first result (200)",
    ),
]

UowDep = Annotated[SqlUnitOfWork, Depends(get_uow)]
CallerDep = Annotated[Caller, Depends(get_caller)]
Reviewer = Annotated[Principal, office_with_scopes(REVIEW_SCOPE)]
Auditor = Annotated[Principal, office_with_scopes(AUDIT_SCOPE)]
