"""The one place notification's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Sequence

from fastapi import APIRouter

from contracts.diagnostics import ProbeSent
from kernel.consumer import Subscription
from kernel.runtime import Runtime
from notification.api import diagnostics
from notification.application.when_probe_sent_record_receipt import (
    when_probe_sent_record_receipt,
)
from notification.settings import NotificationSettings


def routers(settings: NotificationSettings) -> Sequence[APIRouter]:
    return [diagnostics.router]


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    return [
        Subscription(
            name="diagnostics",
            handlers={ProbeSent: when_probe_sent_record_receipt},
            batched=True,
        )
    ]
