"""The one place notification's adapters are chosen and its routers and consumers are wired."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache, partial
from typing import TypeVar, cast

from fastapi import APIRouter

from contracts import IntegrationEvent
from contracts.diagnostics import ProbeSent
from contracts.identity import (
    InvitationIssued,
    LoginCodeIssued,
    PasswordChanged,
    PasswordResetRequested,
)
from contracts.invoicing import InvoiceAccepted, InvoiceCorrectionRequested, InvoiceRefused
from contracts.organisation import (
    RegistrationApproved,
    RegistrationRefused,
    RegistrationSubmitted,
)
from kernel.consumer import Handler, Subscription
from kernel.runtime import Runtime
from kernel.sealing import Sealer
from kernel.uow import UnitOfWork
from notification.adapters.delivery_log import SqlDeliveryLog
from notification.adapters.metrics import PrometheusDeliveryObserver
from notification.adapters.sms import CaptureSmsSender, HttpSmsConfig, HttpSmsSender
from notification.adapters.smtp import SmtpConfig, SmtpEmailSender
from notification.adapters.templates import JinjaRenderer
from notification.api import diagnostics
from notification.application.courier import Courier
from notification.application.invoice_emails import (
    when_invoice_accepted_send_email,
    when_invoice_correction_requested_send_email,
    when_invoice_refused_send_email,
)
from notification.application.ports import SmsSender
from notification.application.registration_emails import (
    when_registration_approved_send_email,
    when_registration_refused_send_email,
    when_registration_submitted_send_email,
)
from notification.application.when_invitation_issued_send_email import (
    when_invitation_issued_send_email,
)
from notification.application.when_login_code_issued_send_sms import (
    when_login_code_issued_send_sms,
)
from notification.application.when_password_changed_send_email import (
    when_password_changed_send_email,
)
from notification.application.when_password_reset_requested_send_email import (
    when_password_reset_requested_send_email,
)
from notification.application.when_probe_sent_record_receipt import (
    when_probe_sent_record_receipt,
)
from notification.domain.delivery import RetryPolicy
from notification.domain.links import Links
from notification.domain.messages import Office
from notification.settings import NotificationSettings

EventT = TypeVar("EventT", bound=IntegrationEvent)


def routers(settings: NotificationSettings) -> Sequence[APIRouter]:
    return [diagnostics.router]


def office(settings: NotificationSettings) -> Office:
    return Office(
        names={
            "fr": settings.office_name_fr,
            "de": settings.office_name_de,
            "it": settings.office_name_it or settings.office_name_fr,
        },
        address_lines=tuple(settings.office_address),
        phone=settings.office_phone,
    )


def sms_sender(settings: NotificationSettings) -> SmsSender:
    if settings.effective_sms_provider == "capture":
        return CaptureSmsSender(
            settings.sms_capture_url,
            sender_id=settings.sms_sender_id,
            timeout=settings.sms_timeout_seconds,
        )
    if settings.sms_provider_api_key is None:
        raise ValueError("NOTIFICATION_SMS_PROVIDER_API_KEY is required for the HTTP provider")
    return HttpSmsSender(
        HttpSmsConfig(
            url=settings.sms_provider_url,
            api_key=settings.sms_provider_api_key,
            sender_id=settings.sms_sender_id,
            api_key_header=settings.sms_provider_api_key_header,
            api_key_prefix=settings.sms_provider_api_key_prefix,
            fields=settings.sms_provider_fields,
            extra=settings.sms_provider_extra,
            idempotency_header=settings.sms_provider_idempotency_header or None,
            reference_field=settings.sms_provider_reference_field,
            timeout=settings.sms_timeout_seconds,
        )
    )


def courier(runtime: Runtime) -> Courier:
    settings = cast(NotificationSettings, runtime.settings)
    links = Links(settings.public_url)
    signature = office(settings)
    return Courier(
        log=SqlDeliveryLog(runtime.session_factory),
        email_sender=SmtpEmailSender(
            SmtpConfig(
                host=settings.smtp_host,
                port=settings.smtp_port,
                from_address=str(settings.mail_from),
                username=settings.smtp_username,
                password=settings.smtp_password,
                starttls=settings.smtp_starttls,
                implicit_tls=settings.smtp_implicit_tls,
                timeout=settings.smtp_timeout_seconds,
            )
        ),
        sms_sender=sms_sender(settings),
        opener=Sealer.from_settings(settings, settings.sealing_key),
        renderer=JinjaRenderer(signature, links),
        observer=PrometheusDeliveryObserver(),
        office=signature,
        links=links,
        retry=RetryPolicy(
            attempts=settings.delivery_attempts,
            base_delay=settings.delivery_backoff_seconds,
            max_delay=settings.delivery_backoff_max_seconds,
        ),
        clock=lambda: datetime.now(UTC),
    )


def _handler(function: Callable[[UnitOfWork, EventT], Awaitable[None]]) -> Handler:
    # A subscription maps each event class to the handler of exactly that class, which the
    # kernel's Handler type (any IntegrationEvent) cannot express.
    return cast(Handler, function)


def _delivering(handler: Callable[..., Awaitable[None]], courier: Callable[[], Courier]) -> Handler:
    async def handle(uow: UnitOfWork, event: IntegrationEvent) -> None:
        await handler(uow, event, courier=courier())

    handle.__name__ = handle.__qualname__ = handler.__name__
    return handle


def delivery_handlers(
    courier: Callable[[], Courier],
) -> Mapping[str, Mapping[type[IntegrationEvent], Handler]]:
    """Consumer groups by name. Login codes have their own group: an SMTP outage that holds
    e-mails in retries must not delay a code that expires in five minutes. Invoice decisions
    have theirs too: an office deciding a batch of invoices must not hold up a password reset
    or an invitation behind hundreds of e-mails."""
    return {
        "login-codes": {
            LoginCodeIssued: _delivering(when_login_code_issued_send_sms, courier),
        },
        "account-emails": {
            PasswordResetRequested: _delivering(when_password_reset_requested_send_email, courier),
            InvitationIssued: _delivering(when_invitation_issued_send_email, courier),
            PasswordChanged: _delivering(when_password_changed_send_email, courier),
        },
        "registration-emails": {
            RegistrationSubmitted: _delivering(when_registration_submitted_send_email, courier),
            RegistrationApproved: _delivering(when_registration_approved_send_email, courier),
            RegistrationRefused: _delivering(when_registration_refused_send_email, courier),
        },
        "invoice-emails": {
            InvoiceAccepted: _delivering(when_invoice_accepted_send_email, courier),
            InvoiceCorrectionRequested: _delivering(
                when_invoice_correction_requested_send_email, courier
            ),
            InvoiceRefused: _delivering(when_invoice_refused_send_email, courier),
        },
    }


def subscriptions(runtime: Runtime) -> Sequence[Subscription]:
    # The courier is built on the first event: listing the subscriptions (contract tests) reads
    # no settings and no key file. Configuration mistakes still stop the worker at start-up,
    # in the settings' validation.
    shared_courier = cache(partial(courier, runtime))
    return [
        # Probe receipts only write to the database: safe to apply a fetched batch at once.
        Subscription(
            name="diagnostics",
            handlers={ProbeSent: _handler(when_probe_sent_record_receipt)},
            batched=True,
        ),
        *(
            Subscription(name=name, handlers=handlers)
            for name, handlers in delivery_handlers(shared_courier).items()
        ),
    ]
