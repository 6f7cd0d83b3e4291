"""E-mails to the manager at each step of a registration: received, approved, refused."""

from contracts.organisation import (
    RegistrationApproved,
    RegistrationRefused,
    RegistrationSubmitted,
)
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch
from notification.domain.messages import Template

Registration = RegistrationSubmitted | RegistrationApproved | RegistrationRefused


async def _email_manager(
    event: Registration, template: Template, courier: Courier, **extra: object
) -> None:
    manager = event.manager

    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": manager.first_name,
            "last_name": manager.last_name,
            "institution_name": event.institution_name,
            "gln": event.gln,
            **extra,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=template,
            language=manager.language,
            recipient=str(manager.email),
            recipient_name=f"{manager.first_name} {manager.last_name}",
        ),
        context,
    )


async def when_registration_submitted_send_email(
    uow: UnitOfWork, event: RegistrationSubmitted, *, courier: Courier
) -> None:
    """The office will examine the request."""
    await _email_manager(event, Template.REGISTRATION_SUBMITTED, courier)


async def when_registration_approved_send_email(
    uow: UnitOfWork, event: RegistrationApproved, *, courier: Courier
) -> None:
    """The access is open, with the link to log in."""
    await _email_manager(
        event, Template.REGISTRATION_APPROVED, courier, login_url=courier.links.login()
    )


async def when_registration_refused_send_email(
    uow: UnitOfWork, event: RegistrationRefused, *, courier: Courier
) -> None:
    """The office's reason."""
    await _email_manager(event, Template.REGISTRATION_REFUSED, courier, reason=event.reason)
