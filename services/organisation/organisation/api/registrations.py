"""Public registration of an institution (rate-limited at the gateway, no token)."""

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from kernel.i18n import negotiate
from organisation.api.dependencies import UowDep
from organisation.application.ports import IdentityAccounts
from organisation.application.register_institution import (
    RegisterInstitution,
    register_institution,
)
from organisation.domain.registration_form import CompanyForm, ManagerForm, RegistrationForm

# Strict: a number is not a GLN and "yes" is not true. Unknown fields are refused. Lengths
# bound what a request may carry; the form rules (blank, formats, check digits) are the
# domain's, so that every field's message can be specific.
_EDGE = ConfigDict(extra="forbid", strict=True)


class CompanyIn(BaseModel):
    model_config = _EDGE

    name: str = Field(max_length=200)
    gln: str = Field(max_length=32)
    uid: str | None = Field(default=None, max_length=32)
    street: str = Field(max_length=200)
    postcode: str = Field(max_length=10)
    locality: str = Field(max_length=100)
    phone: str = Field(max_length=32)


class ManagerIn(BaseModel):
    model_config = _EDGE

    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: str = Field(max_length=254)
    # Identity's policy allows up to 128 characters; longer ones get its message, not this.
    password: str = Field(max_length=1024, repr=False, json_schema_extra={"format": "password"})
    mobile: str = Field(max_length=32)
    language: Literal["fr", "de"]


class RegistrationIn(BaseModel):
    model_config = _EDGE

    account_type: str = Field(max_length=50)
    company: CompanyIn
    manager: ManagerIn
    terms_accepted: bool

    def form(self) -> RegistrationForm:
        company, manager = self.company, self.manager
        return RegistrationForm(
            account_type=self.account_type,
            company=CompanyForm(**company.model_dump()),
            manager=ManagerForm(**manager.model_dump()),
            terms_accepted=self.terms_accepted,
        )


class RegisteredOut(BaseModel):
    institution_id: UUID
    status: Literal["pending"]


def registrations_router(identity: IdentityAccounts) -> APIRouter:
    router = APIRouter(tags=["registration"])

    @router.post("/api/organisation/registrations", status_code=201)
    async def register(body: RegistrationIn, uow: UowDep, request: Request) -> RegisteredOut:
        """Register an institution and its manager; the office then approves or refuses it."""
        language = negotiate(request.headers.get("accept-language"))
        registered = await register_institution(
            RegisterInstitution(form=body.form(), language=language), uow, identity
        )
        return RegisteredOut(institution_id=registered.institution_id, status="pending")

    return router
