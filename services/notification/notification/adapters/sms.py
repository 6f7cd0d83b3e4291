"""SMS senders: the local capture (developer inbox) and a generic HTTP provider.

Neither puts a response body into an error: a provider may echo the text, and the text holds the
code.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx
from pydantic import SecretStr

from notification.domain.delivery import (
    DeliveryError,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from notification.domain.messages import Sms


def classify_status(status: int, who: str) -> DeliveryError:
    """Timeouts, rate limits and server errors are worth retrying; other refusals are final."""
    text = f"{who} answered HTTP {status}"
    if status in (408, 425, 429) or status >= 500:
        return TransientDeliveryError(text)
    return PermanentDeliveryError(text)


async def _post(
    url: str,
    *,
    json: Mapping[str, object],
    headers: Mapping[str, str],
    seconds: float,
    who: str,
    transport: httpx.AsyncBaseTransport | None,
) -> httpx.Response:
    try:
        async with httpx.AsyncClient(timeout=seconds, transport=transport) as client:
            response = await client.post(url, json=json, headers=headers)
    except httpx.HTTPError as error:
        raise TransientDeliveryError(f"{who} unreachable: {type(error).__name__}") from None
    if not response.is_success:
        raise classify_status(response.status_code, who)
    return response


def _reference(response: httpx.Response, field_name: str) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    value = body.get(field_name) if isinstance(body, dict) else None
    return str(value) if value is not None else None


class CaptureSmsSender:
    """Local mode: the developer inbox stores the SMS (``POST /dev/inbox/api/sms``)."""

    def __init__(
        self,
        url: str,
        *,
        sender_id: str,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._url = url
        self._sender_id = sender_id
        self._timeout = timeout
        self._transport = transport

    async def send(self, sms: Sms, *, idempotency_key: str) -> str | None:
        response = await _post(
            self._url,
            json={"to": sms.to, "text": sms.text, "from": self._sender_id},
            headers={},
            seconds=self._timeout,
            who="SMS capture",
            transport=self._transport,
        )
        return _reference(response, "id")


@dataclass(frozen=True)
class HttpSmsConfig:
    """A provider that takes one JSON POST per SMS.

    ``fields`` renames our fields (``to``, ``text``, ``from``) to the provider's; ``extra`` adds
    constant fields (an account id, a route). The key goes in ``api_key_header``, preceded by
    ``api_key_prefix`` (``"Bearer "`` for Authorization, ``""`` for an X-Api-Key style header).
    """

    url: str
    api_key: SecretStr
    sender_id: str
    api_key_header: str = "Authorization"
    api_key_prefix: str = "Bearer "
    fields: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, object] = field(default_factory=dict)
    idempotency_header: str | None = "Idempotency-Key"
    reference_field: str = "id"
    timeout: float = 10.0


class HttpSmsSender:
    def __init__(
        self, config: HttpSmsConfig, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._config = config
        self._transport = transport

    def body(self, sms: Sms) -> dict[str, object]:
        names = self._config.fields
        ours = {"to": sms.to, "text": sms.text, "from": self._config.sender_id}
        return {**self._config.extra, **{names.get(k, k): v for k, v in ours.items()}}

    async def send(self, sms: Sms, *, idempotency_key: str) -> str | None:
        config = self._config
        headers = {config.api_key_header: config.api_key_prefix + config.api_key.get_secret_value()}
        if config.idempotency_header:
            # Lets a provider that deduplicates drop the resend of a crash-interrupted delivery.
            headers[config.idempotency_header] = idempotency_key
        response = await _post(
            config.url,
            json=self.body(sms),
            headers=headers,
            seconds=config.timeout,
            who="SMS provider",
            transport=self._transport,
        )
        return _reference(response, config.reference_field)
