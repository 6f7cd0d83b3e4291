"""The one place beneficiary's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from beneficiary.api import audit, beneficiaries
from beneficiary.settings import BeneficiarySettings
from kernel.consumer import Subscription
from kernel.runtime import Runtime


def routers(settings: BeneficiarySettings) -> Sequence[APIRouter]:
    return [beneficiaries.router, audit.router]


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
