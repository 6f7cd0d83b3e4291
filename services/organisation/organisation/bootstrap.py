"""The one place organisation's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from kernel.consumer import Subscription
from kernel.runtime import Runtime
from organisation.settings import OrganisationSettings


def routers(settings: OrganisationSettings) -> Sequence[APIRouter]:
    return []


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
