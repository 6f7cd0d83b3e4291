"""The identity adapter against a fake identity (httpx.MockTransport): token, call, errors."""

import base64
import json
from uuid import uuid4

import httpx
import pytest
from pydantic import SecretStr

from organisation.adapters.identity_accounts import ClientCredentials, IdentityAccountsClient
from organisation.application.ports import (
    AccountRefused,
    AccountsUnavailable,
    Invitation,
    NewAccount,
)
from organisation.domain.registration import Role

ACCOUNT = NewAccount(
    account_id=uuid4(),
    email="anne@example.ch",
    password="un mot de passe assez long",
    mobile="+41791234567",
    language="fr",
    first_name="Anne",
    last_name="Rey",
)


class FakeIdentity:
    """Identity's two endpoints, with switches for the answers under test."""

    def __init__(self) -> None:
        self.token_requests: list[httpx.Request] = []
        self.account_requests: list[httpx.Request] = []
        self.tokens_issued = 0
        self.expires_in = 300
        self.account_answers: list[httpx.Response | Exception] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/identity/oauth/token":
            self.token_requests.append(request)
            self.tokens_issued += 1
            return httpx.Response(
                200,
                json={
                    "access_token": f"token-{self.tokens_issued}",
                    "token_type": "Bearer",
                    "expires_in": self.expires_in,
                },
            )
        assert request.url.path in ("/internal/identity/accounts", "/internal/identity/invitations")
        self.account_requests.append(request)
        if self.account_answers:
            answer = self.account_answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            return answer
        return httpx.Response(201, json={"account_id": str(ACCOUNT.account_id)})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake() -> FakeIdentity:
    return FakeIdentity()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(fake: FakeIdentity, clock: Clock) -> IdentityAccountsClient:
    return IdentityAccountsClient(
        base_url="http://identity.test/",
        credentials=ClientCredentials(
            client_id="organisation-service",
            secret=lambda: SecretStr("s3cret\n"),
            clock=clock,
        ),
        transport=httpx.MockTransport(fake.handle),
    )


async def test_account_is_created_with_a_client_credentials_token(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    await client.create_account(ACCOUNT, language="de")

    (token_request,) = fake.token_requests
    basic = base64.b64encode(b"organisation-service:s3cret").decode()
    assert token_request.headers["authorization"] == f"Basic {basic}"
    form = dict(x.split("=") for x in token_request.content.decode().split("&"))
    assert form == {
        "grant_type": "client_credentials",
        "scope": "accounts%3Acreate+accounts%3Ainvite",
    }
    (request,) = fake.account_requests
    assert request.headers["authorization"] == "Bearer token-1"
    assert request.headers["accept-language"] == "de"
    assert json.loads(request.content) == {
        "account_id": str(ACCOUNT.account_id),
        "email": "anne@example.ch",
        "password": "un mot de passe assez long",
        "mobile": "+41791234567",
        "language": "fr",
        "first_name": "Anne",
        "last_name": "Rey",
    }


async def test_the_token_is_reused_until_shortly_before_it_expires(
    client: IdentityAccountsClient, fake: FakeIdentity, clock: Clock
) -> None:
    await client.create_account(ACCOUNT, language="fr")
    clock.now += 260
    await client.create_account(ACCOUNT, language="fr")
    assert fake.tokens_issued == 1
    clock.now += 15  # 275 s of 300: within the 30-second margin
    await client.create_account(ACCOUNT, language="fr")
    assert fake.tokens_issued == 2
    assert fake.account_requests[-1].headers["authorization"] == "Bearer token-2"


async def test_a_refused_token_is_renewed_once(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    fake.account_answers = [httpx.Response(401, json={"code": "unauthorized"})]
    await client.create_account(ACCOUNT, language="fr")
    assert fake.tokens_issued == 2
    assert len(fake.account_requests) == 2


async def test_identitys_422_becomes_field_errors(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    fake.account_answers = [
        httpx.Response(
            422,
            json={
                "type": "about:blank",
                "status": 422,
                "code": "validation_failed",
                "errors": [
                    {"field": "password", "code": "password_common", "message": "Trop courant."},
                    {"field": "email", "code": "email_taken", "message": "Déjà utilisée."},
                ],
            },
        )
    ]
    with pytest.raises(AccountRefused) as caught:
        await client.create_account(ACCOUNT, language="fr")
    assert [(e.field, e.code, e.message) for e in caught.value.errors] == [
        ("password", "password_common", "Trop courant."),
        ("email", "email_taken", "Déjà utilisée."),
    ]


async def test_a_lost_connection_is_retried_once_with_the_same_account_id(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    fake.account_answers = [httpx.ReadTimeout("slow"), httpx.Response(200, json={})]
    await client.create_account(ACCOUNT, language="fr")
    first, second = fake.account_requests
    assert json.loads(first.content)["account_id"] == json.loads(second.content)["account_id"]


@pytest.mark.parametrize(
    "answers",
    [
        [httpx.ConnectError("refused"), httpx.ConnectError("refused")],
        [httpx.Response(500, text="boom")],
        [httpx.Response(409, json={"code": "account_conflict"})],
        [httpx.Response(422, text="not json")],
        [httpx.Response(401), httpx.Response(401)],
    ],
    ids=["unreachable", "server-error", "conflict", "unreadable", "token-refused"],
)
async def test_anything_else_is_unavailable(
    client: IdentityAccountsClient, fake: FakeIdentity, answers: list[object]
) -> None:
    fake.account_answers = answers
    with pytest.raises(AccountsUnavailable):
        await client.create_account(ACCOUNT, language="fr")


async def test_a_token_endpoint_refusal_is_unavailable() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"error": "invalid_client"})

    client = IdentityAccountsClient(
        base_url="http://identity.test",
        credentials=ClientCredentials(
            client_id="organisation-service", secret=lambda: SecretStr("x")
        ),
        transport=httpx.MockTransport(handle),
    )
    with pytest.raises(AccountsUnavailable, match="token endpoint answered 401"):
        await client.create_account(ACCOUNT, language="fr")


async def test_the_password_is_never_in_a_failure_message(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    fake.account_answers = [httpx.ConnectError("refused"), httpx.ConnectError("refused")]
    with pytest.raises(AccountsUnavailable) as caught:
        await client.create_account(ACCOUNT, language="fr")
    assert ACCOUNT.password not in str(caught.value)
    assert ACCOUNT.password not in repr(ACCOUNT)


async def test_an_invitation_names_the_company_and_the_role(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    company = uuid4()
    invitation = Invitation(
        account_id=uuid4(),
        email="luc@example.ch",
        first_name="Luc",
        last_name="Favre",
        mobile="+41787654321",
        language="de",
        company_id=company,
        company_name="Atelier Rhône SA",
        role=Role.MANAGER,
    )
    await client.invite(invitation, language="fr")
    (request,) = fake.account_requests
    assert request.url.path == "/internal/identity/invitations"
    assert request.headers["accept-language"] == "fr"
    assert json.loads(request.content) == {
        "account_id": str(invitation.account_id),
        "email": "luc@example.ch",
        "first_name": "Luc",
        "last_name": "Favre",
        "mobile": "+41787654321",
        "language": "de",
        "company_id": str(company),
        "company_name": "Atelier Rhône SA",
        "role": "manager",
    }


async def test_a_refused_invitation_carries_identitys_field_errors(
    client: IdentityAccountsClient, fake: FakeIdentity
) -> None:
    fake.account_answers = [
        httpx.Response(
            422,
            json={"errors": [{"field": "email", "code": "email_taken", "message": "Déjà utilisé"}]},
        )
    ]
    invitation = Invitation(
        account_id=uuid4(),
        email="luc@example.ch",
        first_name="Luc",
        last_name="Favre",
        mobile="+41787654321",
        language="fr",
        company_id=uuid4(),
        company_name="Atelier",
        role=Role.COLLABORATOR,
    )
    with pytest.raises(AccountRefused) as refused:
        await client.invite(invitation, language="fr")
    assert [e.code for e in refused.value.errors] == ["email_taken"]
