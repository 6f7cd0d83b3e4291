"""Deliver one message for one event, at most once per event and channel as far as it can tell.

The order, and why:

1. **claim** the delivery row (insert if absent) and commit. A row already 'sent' means an
   earlier run sent it and only its consumer transaction failed: stop here.
2. **open** the sealed secrets and **render** the message.
3. **record the attempt** (commit), **send**, then **mark sent** (commit), each attempt in turn.

The delivery log commits outside the consumer's transaction (the inbox claim) - which is why
the handlers take the kernel's unit of work but write nothing through it - so a failure
after the send - the inbox commit, the offset commit, a crash of the worker - finds the row
'sent' on the retry and sends nothing twice.

The one corner left is the instant between the server accepting the message and the 'sent'
commit: a process killed right there, or a database gone right then, leaves the row 'pending'
and the retry sends the message again. Delivery is therefore *at least once*; the window is one
UPDATE wide. A graceful stop (SIGTERM) does not open it: the send and its mark finish before the
worker stops. The e-mail carries a Message-ID and the SMS an idempotency key derived from the
event, so a receiving system that deduplicates can absorb even that duplicate.

Failures: a transient one (server unreachable, 4xx SMTP, 5xx/429 HTTP) is retried with
exponential backoff; a permanent one (address refused) is not. When a round of attempts ends
without success the row is 'failed' and the error propagates: the kernel's consumer retries the
handler a few times, then puts the event on ``<topic>.dlq``. Republishing it there later sends it
unless the row says 'sent'.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from notification.application.ports import (
    DeliveryLog,
    DeliveryObserver,
    EmailSender,
    Renderer,
    SecretOpener,
    SmsSender,
)
from notification.domain.delivery import (
    DeliveryError,
    DeliveryKey,
    Dispatch,
    PermanentDeliveryError,
    RetryPolicy,
    TransientDeliveryError,
)
from notification.domain.links import Links
from notification.domain.messages import Channel, Email, Office, OutgoingMessage, Sms
from notification.domain.privacy import mask_recipient, redact

log = logging.getLogger(__name__)

Secrets = Mapping[str, str]
ContextBuilder = Callable[[Secrets], Mapping[str, object]]

EXPIRED_REASON = "expired before it could be sent"
UNSEALABLE_REASON = "sealed secret cannot be opened (another key, or altered)"


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Courier:
    """Everything a handler needs to deliver one message; built once in ``bootstrap``."""

    log: DeliveryLog
    email_sender: EmailSender
    sms_sender: SmsSender
    opener: SecretOpener
    renderer: Renderer
    observer: DeliveryObserver
    office: Office
    links: Links
    retry: RetryPolicy
    clock: Callable[[], datetime]
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def deliver(
        self,
        dispatch: Dispatch,
        context: ContextBuilder,
        *,
        sealed: Mapping[str, str] | None = None,
    ) -> Outcome:
        """Send the message of ``dispatch`` unless its row says it was sent or it expired.

        ``sealed`` maps names to sealed secrets; ``context`` receives them opened and returns
        the template's variables.
        """
        key = dispatch.key
        state = await self.log.claim(dispatch)
        if state.already_sent:
            log.info("%s for event %s already sent, not sent again", dispatch.template, key)
            return Outcome.ALREADY_SENT
        if dispatch.has_expired(self.clock()):
            return await self._skip_expired(dispatch)
        secrets = await self._open(dispatch, sealed or {})
        message = self._compose(dispatch, context(secrets))
        for attempt in range(1, self.retry.attempts + 1):
            if dispatch.has_expired(self.clock()):
                return await self._skip_expired(dispatch)
            await self.log.record_attempt(key)
            error = await self._attempt_uninterrupted(dispatch, message)
            if error is None:
                return Outcome.SENT
            reason = redact(str(error), secrets.values())[:1000]
            self.observer.failed(dispatch, transient=error.transient)
            last = attempt == self.retry.attempts
            if not error.transient or last:
                await self.log.mark_failed(key, reason)
                log.warning(
                    "%s for event %s failed after %d attempt(s): %s",
                    dispatch.template,
                    key,
                    attempt,
                    reason,
                )
                # Raised afresh so that no traceback or message carries the secret onwards.
                raise type(error)(reason) from None
            await self.log.note_failure(key, reason)
            delay = self.retry.delay_after(attempt)
            log.info(
                "%s for event %s: attempt %d failed (%s), retrying in %.1fs",
                dispatch.template,
                key,
                attempt,
                reason,
                delay,
            )
            await self.sleep(delay)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _skip_expired(self, dispatch: Dispatch) -> Outcome:
        await self.log.mark_skipped(dispatch.key, EXPIRED_REASON)
        self.observer.skipped(dispatch, "expired")
        log.info("%s for event %s not sent: %s", dispatch.template, dispatch.key, EXPIRED_REASON)
        return Outcome.EXPIRED

    async def _open(self, dispatch: Dispatch, sealed: Mapping[str, str]) -> dict[str, str]:
        try:
            return {name: self.opener.open(value) for name, value in sealed.items()}
        except ValueError:
            await self.log.mark_failed(dispatch.key, UNSEALABLE_REASON)
            raise PermanentDeliveryError(UNSEALABLE_REASON) from None

    def _compose(self, dispatch: Dispatch, context: Mapping[str, object]) -> OutgoingMessage:
        if dispatch.template.channel is Channel.SMS:
            text = self.renderer.sms(dispatch.template, dispatch.language, context)
            return Sms(to=dispatch.recipient, text=text)
        rendered = self.renderer.email(dispatch.template, dispatch.language, context)
        return Email(
            to=dispatch.recipient,
            to_name=dispatch.recipient_name,
            from_name=self.office.name(dispatch.language),
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            language=dispatch.language,
        )

    async def _attempt_uninterrupted(
        self, dispatch: Dispatch, message: OutgoingMessage
    ) -> DeliveryError | None:
        """One attempt; a stop request (task cancellation) waits until the message is sent and
        marked, or has failed, so that a graceful stop never leaves a sent message 'pending'."""
        attempt = asyncio.ensure_future(self._attempt(dispatch, message))
        try:
            return await asyncio.shield(attempt)
        except asyncio.CancelledError:
            # The row stays 'pending' if the attempt failed; the next start retries it.
            with contextlib.suppress(Exception):
                await attempt
            raise

    async def _attempt(self, dispatch: Dispatch, message: OutgoingMessage) -> DeliveryError | None:
        """Send once; a delivery failure is returned, not raised, so that it is never confused
        with a failure to record the success (which must not lead to a second send)."""
        key: DeliveryKey = dispatch.key
        try:
            if isinstance(message, Sms):
                reference = await self.sms_sender.send(message, idempotency_key=str(key))
            else:
                reference = await self.email_sender.send(message, idempotency_key=str(key))
        except DeliveryError as error:
            return error
        except Exception as error:  # an adapter bug: not sent, worth a retry, never the secret
            return TransientDeliveryError(f"{type(error).__name__}: {error}")
        await self.log.mark_sent(key, reference)
        self.observer.sent(dispatch)
        log.info(
            "%s %s sent to %s for event %s",
            dispatch.template.channel,
            dispatch.template,
            mask_recipient(dispatch.recipient),
            key,
        )
        return None
