"""Against the local stack's PostgreSQL: the migration matches the tables, concurrent logins
cannot escape the lockout count, concurrent refreshes cannot both rotate, clients mirror
their configuration, the registration consumer applies decisions exactly once."""

import asyncio
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa
from aiokafka import ConsumerRecord
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from contracts.organisation import (
    Manager,
    MemberRemoved,
    MemberRoleChanged,
    RegistrationApproved,
    RegistrationRefused,
)
from identity.adapters.accounts import SqlAccounts
from identity.adapters.clients import ClientStore, hash_client_secret
from identity.adapters.clock import OffsetClock
from identity.adapters.orm import metadata
from identity.bootstrap import subscriptions
from identity.domain.account import AccountStatus, Role
from identity.settings import ClientConfig, IdentitySettings
from kernel.consumer import IdempotentConsumer
from kernel.messaging import Envelope
from kernel.runtime import build_runtime
from services.identity.tests.api.test_login_api import logged_in, login
from services.identity.tests.conftest import App
from services.identity.tests.fakes import T0

pytestmark = pytest.mark.stack


async def test_migrations_match_the_table_definitions(settings: IdentitySettings) -> None:
    engine = create_async_engine(settings.database_url.get_secret_value())

    def differences(connection: sa.Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return [
            d
            for d in compare_metadata(context, metadata)
            # The kernel's messaging tables live outside identity's metadata.
            if not (d[0] == "remove_table" and d[1].name in ("outbox_message", "processed_message"))
            and not (d[0] == "remove_index" and d[1].table.name == "outbox_message")
        ]

    async with engine.connect() as connection:
        found = await connection.run_sync(differences)
    await engine.dispose()
    assert found == []


async def test_concurrent_wrong_passwords_cannot_escape_the_count(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        answers = await asyncio.gather(
            *(login(http, account["email"], "wrong password, sorry") for _ in range(10))
        )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [401] * 4 + [429] * 6


async def test_concurrent_refreshes_with_one_token_rotate_once(
    identity: App, office_token: Callable[..., str]
) -> None:
    account = await identity.create_account(office_token("accounts:create"))
    async with identity.client() as http:
        await logged_in(identity, http, account["email"])
        cookie = http.cookies["guichet_refresh"]
    clients = [identity.client() for _ in range(2)]
    for client in clients:
        client.cookies.set("guichet_refresh", cookie, path="/api/identity/auth")
    answers = await asyncio.gather(*(c.post("/api/identity/auth/refresh") for c in clients))
    for client in clients:
        await client.aclose()
    # One rotates; the other is a reuse, which revokes the family (and so the new token too).
    assert sorted(a.status_code for a in answers) == [200, 401]


async def test_clients_table_mirrors_the_configuration(identity: App) -> None:
    store = ClientStore(identity.runtime.session_factory)
    before = [await store.get(c) for c in ("office-cli", "organisation-service")]
    extra = ClientConfig(
        client_id=f"tool-{uuid4().hex[:6]}", secret_hash=hash_client_secret("s"), scopes=["x"]
    )
    kept = [
        ClientConfig(client_id=c.client_id, secret_hash=c.secret_hash, scopes=sorted(c.scopes))
        for c in before
        if c is not None
    ]
    try:
        await store.replace_all([*kept, extra])
        found = await store.get(extra.client_id)
        assert found is not None
        assert found.check_client_secret("s")
        assert not found.check_client_secret("t")
        await store.replace_all(kept)
        assert await store.get(extra.client_id) is None
    finally:
        await store.replace_all(kept)
    assert [await store.get(c.client_id) for c in kept] == before


async def test_offset_clock_is_shared_through_the_database(identity: App) -> None:
    writer = OffsetClock(identity.runtime.session_factory)
    reader = OffsetClock(identity.runtime.session_factory, ttl=0.0)
    previous = (await reader.now(), reader.offset_seconds)[1]
    try:
        await writer.set_offset(previous + 7)
        assert (await reader.now(), reader.offset_seconds)[1] == previous + 7
    finally:
        await writer.set_offset(previous)


def record(event: Any) -> ConsumerRecord[bytes, bytes]:
    envelope = Envelope.wrap(event, key=str(event.institution_id), correlation_id="test")
    return ConsumerRecord(
        topic=envelope.topic,
        partition=0,
        offset=0,
        timestamp=0,
        timestamp_type=0,
        key=envelope.key.encode(),
        value=envelope.payload,
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=0,
        headers=envelope.headers(),
    )


async def test_registration_decisions_are_applied_once(
    identity: App, settings: IdentitySettings, office_token: Callable[..., str]
) -> None:
    runtime = build_runtime(settings)
    subscription = next(s for s in subscriptions(runtime) if s.name == "registration-decisions")
    consumer = IdempotentConsumer(
        service="identity-test",
        subscription=subscription,
        session_factory=identity.runtime.session_factory,
        bootstrap=settings.kafka_bootstrap,
        dead_letter_producer=None,  # type: ignore[arg-type]
    )
    approved_account = await identity.create_account(office_token("accounts:create"), active=False)
    refused_account = await identity.create_account(office_token("accounts:create"), active=False)

    def manager(body: dict[str, Any]) -> Manager:
        return Manager(
            account_id=UUID(body["account_id"]),
            first_name="Anne",
            last_name="Rey",
            email=body["email"],
            language="fr",
        )

    company = uuid4()
    approved = RegistrationApproved(
        institution_id=company,
        institution_name="A",
        gln="7601001234560",
        manager=manager(approved_account),
    )
    refused = RegistrationRefused(
        institution_id=uuid4(),
        institution_name="B",
        gln="7601001234577",
        manager=manager(refused_account),
        reason="GLN inconnu",
    )
    unknown = RegistrationApproved(
        institution_id=uuid4(),
        institution_name="C",
        gln="7601001234584",
        manager=manager({"account_id": str(uuid4()), "email": "x@example.ch"}),
    )
    assert await consumer.handle(record(approved)) == "processed"
    assert await consumer.handle(record(approved)) == "duplicate"
    assert await consumer.handle(record(refused)) == "processed"
    assert await consumer.handle(record(unknown)) == "processed"  # logged and skipped

    async with identity.runtime.session_factory() as session:
        accounts = SqlAccounts(session)
        active = await accounts.get(manager(approved_account).account_id)
        gone = await accounts.get(manager(refused_account).account_id)
    assert active is not None
    assert (active.status, active.company_id, active.role) == (
        AccountStatus.ACTIVE,
        company,
        Role.MANAGER,
    )
    assert gone is not None
    assert gone.status is AccountStatus.REFUSED
    await runtime.engine.dispose()


async def test_membership_changes_reach_the_account_once(
    identity: App, settings: IdentitySettings, office_token: Callable[..., str]
) -> None:
    runtime = build_runtime(settings)
    subscription = next(s for s in subscriptions(runtime) if s.name == "membership-changes")
    consumer = IdempotentConsumer(
        service="identity-test",
        subscription=subscription,
        session_factory=identity.runtime.session_factory,
        bootstrap=settings.kafka_bootstrap,
        dead_letter_producer=None,  # type: ignore[arg-type]
    )
    body = await identity.create_account(office_token("accounts:create"), active=False)
    account_id = UUID(body["account_id"])
    company = uuid4()
    approved = RegistrationApproved(
        institution_id=company,
        institution_name="A",
        gln="7601001234560",
        manager=Manager(
            account_id=account_id,
            first_name="Anne",
            last_name="Rey",
            email=body["email"],
            language="fr",
        ),
    )
    async with identity.runtime.session_factory() as session, session.begin():
        accounts = SqlAccounts(session)
        account = await accounts.get(account_id)
        assert account is not None
        await accounts.update(account.activate_as_manager(approved.institution_id, T0))
    ids = {"institution_id": company, "member_id": uuid4(), "account_id": account_id}
    demoted = MemberRoleChanged.model_validate({**ids, "role": "collaborator"})
    assert await consumer.handle(record(demoted)) == "processed"
    assert await consumer.handle(record(demoted)) == "duplicate"
    async with identity.runtime.session_factory() as session:
        changed = await SqlAccounts(session).get(account_id)
    assert changed is not None
    assert (changed.status, changed.company_id, changed.role) == (
        AccountStatus.ACTIVE,
        company,
        Role.COLLABORATOR,
    )
    assert await consumer.handle(record(MemberRemoved.model_validate(ids))) == "processed"
    async with identity.runtime.session_factory() as session:
        gone = await SqlAccounts(session).get(account_id)
    assert gone is not None
    assert (gone.status, gone.company_id, gone.role) == (AccountStatus.DISABLED, None, None)
    await runtime.engine.dispose()


async def test_a_refused_registration_frees_its_email_in_the_database(
    identity: App, office_token: Callable[..., str]
) -> None:
    from identity.application.registration_decisions import (
        when_registration_refused_refuse_account,
    )

    first = await identity.create_account(office_token("accounts:create"), active=False)
    refused = RegistrationRefused(
        institution_id=uuid4(),
        institution_name="A",
        gln="7601001234560",
        manager=Manager(
            account_id=UUID(first["account_id"]),
            first_name="Anne",
            last_name="Rey",
            email=first["email"],
            language="fr",
        ),
        reason="GLN inconnu",
    )
    async with identity.runtime.session_factory() as session, session.begin():
        await when_registration_refused_refuse_account(
            SqlAccounts(session), refused, await identity.clock.now()
        )
    second = await identity.create_account(
        office_token("accounts:create"), email=first["email"].upper(), active=False
    )
    async with identity.client() as http:
        answer = await login(http, first["email"])
    # The live (pending) registration answers, not the refused one.
    assert answer.json()["code"] == "account_pending"
    assert second["account_id"] != first["account_id"]
