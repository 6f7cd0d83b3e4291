"""When an institution registers, tell its manager the office will examine the request."""

from contracts.organisation import RegistrationSubmitted
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch
from notification.domain.messages import Template


async def when_registration_submitted_send_email(
    uow: UnitOfWork, event: RegistrationSubmitted, *, courier: Courier
) -> None:
    manager = event.manager

    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": manager.first_name,
            "last_name": manager.last_name,
            "institution_name": event.institution_name,
            "gln": event.gln,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=Template.REGISTRATION_SUBMITTED,
            language=manager.language,
            recipient=str(manager.email),
            recipient_name=f"{manager.first_name} {manager.last_name}",
        ),
        context,
    )
