"""When the office refuses a registration, tell the manager, with the office's reason."""

from contracts.organisation import RegistrationRefused
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch
from notification.domain.messages import Template


async def when_registration_refused_send_email(
    uow: UnitOfWork, event: RegistrationRefused, *, courier: Courier
) -> None:
    manager = event.manager

    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": manager.first_name,
            "last_name": manager.last_name,
            "institution_name": event.institution_name,
            "gln": event.gln,
            "reason": event.reason,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=Template.REGISTRATION_REFUSED,
            language=manager.language,
            recipient=str(manager.email),
            recipient_name=f"{manager.first_name} {manager.last_name}",
        ),
        context,
    )
