"""The invoicing API tests' fake directory, institutions and invoice bodies."""

import base64
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from stdnum import ean

from invoicing.application.ports import (
    BankFacts,
    BeneficiaryFacts,
    DirectoryUnavailable,
    FileFacts,
    InstitutionFacts,
    Lookup,
    Person,
    Sources,
)
from kernel.testing import TestKey

KEY = TestKey("api-test")


def _claims(token: str) -> dict[str, Any]:
    segment = token.split(".")[1]
    claims: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    )
    return claims


@dataclass
class FakeDirectory:
    """What identity, organisation, beneficiary and documents hold, per institution; like the
    real owners it answers only what the token's institution may see."""

    people: dict[UUID, Person] = field(default_factory=dict)
    institutions: dict[UUID, InstitutionFacts] = field(default_factory=dict)
    beneficiaries: dict[tuple[UUID, UUID], BeneficiaryFacts] = field(default_factory=dict)
    accounts: dict[tuple[UUID, UUID], BankFacts] = field(default_factory=dict)
    files: dict[tuple[UUID, UUID], FileFacts] = field(default_factory=dict)
    lookups: list[Lookup] = field(default_factory=list)
    unavailable: bool = False

    async def read(self, token: str, lookup: Lookup) -> Sources:
        if self.unavailable:
            raise DirectoryUnavailable("connection refused")
        self.lookups.append(lookup)
        claims = _claims(token)
        company = UUID(claims["company"])
        account = UUID(claims["sub"])
        return Sources(
            submitter=self.people[account],
            institution=self.institutions[company],
            beneficiary=self.beneficiaries.get((company, lookup.beneficiary_id))
            if lookup.beneficiary_id
            else None,
            bank_account=self.accounts.get((company, lookup.bank_account_id))
            if lookup.bank_account_id
            else None,
            files=tuple(self.files.get((company, file_id)) for file_id in lookup.file_ids),
        )


def avs_number() -> str:
    base = "756" + str(uuid4().int)[:9]
    return base + ean.calc_check_digit(base)


@dataclass
class Institution:
    """One institution of the fake directory with a member, a beneficiary, a company account
    and an uploaded attachment."""

    directory: FakeDirectory
    id: UUID = field(default_factory=uuid4)
    member: UUID = field(default_factory=uuid4)
    beneficiary: UUID = field(default_factory=uuid4)
    account: UUID = field(default_factory=uuid4)
    file: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        d = self.directory
        d.institutions[self.id] = InstitutionFacts(name="Atelier Rhône SA", gln="7601001234567")
        self.add_member(self.member, "Jean", "Dupont", "fr")
        self.add_beneficiary(self.beneficiary, "Müller", "Élodie")
        d.accounts[(self.id, self.account)] = BankFacts("CH9300762011623852957", "Atelier Rhône SA")
        self.add_file(self.file)

    def add_member(self, account: UUID, first: str, last: str, language: str) -> UUID:
        self.directory.people[account] = Person(
            account,
            f"{first.lower()}@example.ch",
            first,
            last,
            language,  # type: ignore[arg-type]
        )
        return account

    def add_beneficiary(
        self,
        ident: UUID,
        last: str,
        first: str,
        *,
        bank: bool = True,
        birth_date: date = date(1980, 4, 12),
    ) -> UUID:
        self.directory.beneficiaries[(self.id, ident)] = BeneficiaryFacts(
            id=ident,
            first_name=first,
            last_name=last,
            avs=avs_number(),
            birth_date=birth_date,
            address=("Rue du Rhône 3", "1950 Sion"),
            bank=BankFacts("CH5604835012345678009", f"{first} {last}") if bank else None,
        )
        return ident

    def add_file(self, ident: UUID, purpose: str = "invoice_attachment") -> UUID:
        self.directory.files[(self.id, ident)] = FileFacts(ident, "facture.pdf", purpose)
        return ident

    def avs(self, beneficiary: UUID | None = None) -> str:
        return self.directory.beneficiaries[(self.id, beneficiary or self.beneficiary)].avs


def other_invoice(company: Institution, **overrides: Any) -> dict[str, Any]:
    """A valid "other invoice" (318.632) body of ``company``."""
    body: dict[str, Any] = {
        "form": "318.632",
        "beneficiary_id": str(company.beneficiary),
        "payee": {"kind": "company", "bank_account_id": str(company.account)},
        "decision": {"number": "323.2025.1000896", "description": "Mesures", "save": True},
        "invoice_date": "2025-07-03",
        "invoice_number": "A-17",
        "remark": "",
        "attachments": [{"file_id": str(company.file), "kind": "other"}],
        "content": {
            "lines": [
                {
                    "date": "2025-07-01",
                    "description": "Séance d'ergothérapie",
                    "tariff_code": "7301",
                    "quantity": "2",
                    "rate": "95.50",
                }
            ]
        },
    }
    body.update(overrides)
    return body


def helplessness_invoice(company: Institution, month: str, **overrides: Any) -> dict[str, Any]:
    """A valid monthly helplessness allowance (318.632.2) body of ``company``."""
    body = other_invoice(
        company,
        form="318.632.2",
        attachments=[],
        content={"month": month, "helplessness": "moderate", "ssi": "4h", "nights_home": 20},
    )
    body.update(overrides)
    return body
