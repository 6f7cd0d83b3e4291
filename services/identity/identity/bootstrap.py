"""The one place identity's adapters are chosen and its routers and consumers are wired."""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from fastapi import APIRouter

from contracts import IntegrationEvent
from contracts.organisation import (
    MemberDetailsChanged,
    MemberRemoved,
    MemberRoleChanged,
    RegistrationApproved,
    RegistrationRefused,
)
from identity.adapters.accounts import SqlAccounts
from identity.adapters.clients import ClientStore, configured_clients
from identity.adapters.clock import OffsetClock, SystemClock
from identity.adapters.common_passwords import common_passwords
from identity.adapters.oauth import OfficeAuthorizationServer
from identity.adapters.passwords import Argon2Hasher
from identity.adapters.randomness import SystemSecrets
from identity.adapters.sessions import SqlSessions
from identity.adapters.signing import SigningKey, UserAccessTokens
from identity.adapters.unit_of_work import SqlIdentityUnitOfWork
from identity.api import accounts, dev_clock, diagnostics, invitations, keys, login, me, oauth
from identity.api import passwords as password_routes
from identity.api.dependencies import Wiring
from identity.application.dependencies import Dependencies
from identity.application.membership_changes import (
    when_member_details_changed_update_account,
    when_member_removed_disable_account,
    when_member_role_changed_update_account,
)
from identity.application.ports import Clock, IdentityUnitOfWork, PasswordHasher, SecretSource
from identity.application.registration_decisions import (
    UnknownAccount,
    when_registration_approved_activate_account,
    when_registration_refused_refuse_account,
)
from identity.settings import IdentitySettings
from kernel.consumer import Subscription
from kernel.db import SessionFactory
from kernel.local_secrets import resolve_secret
from kernel.runtime import Runtime
from kernel.sealing import Sealer
from kernel.uow import UnitOfWork

log = logging.getLogger(__name__)

CODE_KEY_NAME = "identity-code-key"


def make_clock(settings: IdentitySettings, session_factory: SessionFactory) -> Clock:
    """Production always runs on the system clock; only local mode reads the offset."""
    return OffsetClock(session_factory) if settings.is_local else SystemClock()


def make_hasher(settings: IdentitySettings) -> Argon2Hasher:
    return Argon2Hasher(
        time_cost=settings.argon2_time_cost,
        memory_kib=settings.argon2_memory_kib,
        parallelism=settings.argon2_parallelism,
        concurrency=settings.argon2_concurrency,
    )


def build_wiring(
    settings: IdentitySettings,
    runtime: Runtime,
    *,
    clock: Clock | None = None,
    hasher: PasswordHasher | None = None,
    secrets: SecretSource | None = None,
    unit_of_work: Callable[[], IdentityUnitOfWork] | None = None,
) -> Wiring:
    """Build what the routes use; tests pass fakes (a fixed clock, a fast hasher...)."""
    signing_key = SigningKey.from_settings(settings)
    chosen_clock = clock or make_clock(settings, runtime.session_factory)
    code_key = resolve_secret(
        settings.code_key,
        name=CODE_KEY_NAME,
        is_local=settings.is_local,
        state_dir=settings.state_dir,
    )
    deps = Dependencies(
        clock=chosen_clock,
        hasher=hasher or make_hasher(settings),
        secrets=secrets or SystemSecrets(),
        sealer=Sealer.from_settings(settings, settings.sealing_key),
        access_tokens=UserAccessTokens(signing_key, settings),
        code_key=code_key.get_secret_value().encode(),
        common_passwords=common_passwords(),
    )
    server = OfficeAuthorizationServer(
        clients=ClientStore(runtime.session_factory), signing_key=signing_key, settings=settings
    )
    return Wiring(
        settings=settings,
        deps=deps,
        unit_of_work=unit_of_work or (lambda: SqlIdentityUnitOfWork(runtime.session_factory)),
        oauth=server,
        clock_control=chosen_clock if isinstance(chosen_clock, OffsetClock) else None,
    )


def routers(settings: IdentitySettings) -> Sequence[APIRouter]:
    found = [
        keys.keys_router(SigningKey.from_settings(settings)),
        diagnostics.router,
        accounts.router,
        login.router,
        password_routes.router,
        invitations.router,
        me.router,
        oauth.router,
    ]
    if settings.is_local:
        found.append(dev_clock.router)
    return found


async def sync_clients(settings: IdentitySettings, runtime: Runtime) -> None:
    """At start-up: the clients table says what the configuration says."""
    await ClientStore(runtime.session_factory).replace_all(configured_clients(settings))


class _WorkerClock:
    """The worker's clock, built on first use: listing subscriptions touches no resource."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._clock: Clock | None = None

    async def now(self) -> datetime:
        if self._clock is None:
            settings = self._runtime.settings
            assert isinstance(settings, IdentitySettings)
            self._clock = make_clock(settings, self._runtime.session_factory)
        return await self._clock.now()


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    clock = _WorkerClock(runtime)

    async def on_approved(uow: UnitOfWork, event: IntegrationEvent) -> None:
        assert isinstance(event, RegistrationApproved)
        try:
            await when_registration_approved_activate_account(
                SqlAccounts(uow.session), event, await clock.now()
            )
        except UnknownAccount as unknown:
            _skip(event, unknown)

    async def on_refused(uow: UnitOfWork, event: IntegrationEvent) -> None:
        assert isinstance(event, RegistrationRefused)
        try:
            await when_registration_refused_refuse_account(
                SqlAccounts(uow.session), event, await clock.now()
            )
        except UnknownAccount as unknown:
            _skip(event, unknown)

    async def on_role_changed(uow: UnitOfWork, event: IntegrationEvent) -> None:
        assert isinstance(event, MemberRoleChanged)
        try:
            await when_member_role_changed_update_account(
                SqlAccounts(uow.session), SqlSessions(uow.session), event, await clock.now()
            )
        except UnknownAccount as unknown:
            _skip(event, unknown)

    async def on_details_changed(uow: UnitOfWork, event: IntegrationEvent) -> None:
        assert isinstance(event, MemberDetailsChanged)
        try:
            await when_member_details_changed_update_account(
                SqlAccounts(uow.session), event, await clock.now()
            )
        except UnknownAccount as unknown:
            _skip(event, unknown)

    async def on_removed(uow: UnitOfWork, event: IntegrationEvent) -> None:
        assert isinstance(event, MemberRemoved)
        try:
            await when_member_removed_disable_account(
                SqlAccounts(uow.session), SqlSessions(uow.session), event, await clock.now()
            )
        except UnknownAccount as unknown:
            _skip(event, unknown)

    return [
        Subscription(
            name="registration-decisions",
            handlers={RegistrationApproved: on_approved, RegistrationRefused: on_refused},
            # Database-only effects: a fetched batch may be applied in one transaction.
            batched=True,
        ),
        Subscription(
            name="membership-changes",
            handlers={
                MemberRoleChanged: on_role_changed,
                MemberDetailsChanged: on_details_changed,
                MemberRemoved: on_removed,
            },
            batched=True,
        ),
    ]


def _skip(event: IntegrationEvent, unknown: UnknownAccount) -> None:
    # No retry can create the account: registrations create it before they are submitted, so
    # this is a decision about a registration made without identity (a test, a restore).
    log.warning("%s %s names unknown account %s: ignored", event.TYPE, event.event_id, unknown)
