"""The one place identity's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from identity.adapters.signing import SigningKey
from identity.api import diagnostics, keys
from identity.settings import IdentitySettings
from kernel.consumer import Subscription
from kernel.runtime import Runtime


def routers(settings: IdentitySettings) -> Sequence[APIRouter]:
    return [keys.keys_router(SigningKey.from_settings(settings)), diagnostics.router]


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return []
