"""Events beneficiary publishes about beneficiaries (topic ``beneficiary.beneficiary``, key =
beneficiary id).

They carry identifiers only, never the person's name, AVS number or bank details: a consumer
that needs more asks the beneficiary API with the institution's authority.
"""

from typing import ClassVar, Literal
from uuid import UUID

from contracts.base import IntegrationEvent


class _BeneficiaryEvent(IntegrationEvent):
    TOPIC: ClassVar[str] = "beneficiary.beneficiary"

    beneficiary_id: UUID
    institution_id: UUID


class BeneficiaryRegistered(_BeneficiaryEvent):
    TYPE: ClassVar[str] = "beneficiary.BeneficiaryRegistered"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1


class BeneficiaryUpdated(_BeneficiaryEvent):
    TYPE: ClassVar[str] = "beneficiary.BeneficiaryUpdated"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    version: int


class BeneficiaryRemoved(_BeneficiaryEvent):
    """Erased, or archived (kept for the invoices that refer to it) when ``archived``."""

    TYPE: ClassVar[str] = "beneficiary.BeneficiaryRemoved"
    VERSION: ClassVar[int] = 1

    schema_version: Literal[1] = 1
    archived: bool
