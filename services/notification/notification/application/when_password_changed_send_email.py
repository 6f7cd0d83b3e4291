"""When a password changes, tell its owner, who can react if it was not them."""

from contracts.identity import PasswordChanged
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch
from notification.domain.messages import Template


async def when_password_changed_send_email(
    uow: UnitOfWork, event: PasswordChanged, *, courier: Courier
) -> None:
    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": event.first_name,
            "reason": event.reason,
            "changed_at": event.occurred_at,
            "login_url": courier.links.login(),
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=Template.PASSWORD_CHANGED,
            language=event.language,
            recipient=str(event.email),
            recipient_name=event.first_name,
        ),
        context,
    )
