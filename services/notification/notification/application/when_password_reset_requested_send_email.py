"""When someone asks for a password reset, e-mail the single-use link (unless already expired)."""

from contracts.identity import PasswordResetRequested
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch, minutes_between
from notification.domain.messages import Template


async def when_password_reset_requested_send_email(
    uow: UnitOfWork, event: PasswordResetRequested, *, courier: Courier
) -> None:
    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": event.first_name,
            "reset_url": courier.links.password_reset(secrets["token"]),
            "valid_minutes": minutes_between(event.occurred_at, event.expires_at),
            "expires_at": event.expires_at,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=Template.PASSWORD_RESET,
            language=event.language,
            recipient=str(event.email),
            recipient_name=event.first_name,
            not_after=event.expires_at,
        ),
        context,
        sealed={"token": event.sealed_token},
    )
