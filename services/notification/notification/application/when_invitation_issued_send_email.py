"""When a manager adds a collaborator, e-mail the link to choose a password (unless expired)."""

from contracts.identity import InvitationIssued
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch
from notification.domain.messages import Template


async def when_invitation_issued_send_email(
    uow: UnitOfWork, event: InvitationIssued, *, courier: Courier
) -> None:
    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "first_name": event.first_name,
            "company_name": event.company_name,
            "invitation_url": courier.links.invitation(secrets["token"]),
            "expires_at": event.expires_at,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=Template.INVITATION,
            language=event.language,
            recipient=str(event.email),
            recipient_name=event.first_name,
            not_after=event.expires_at,
        ),
        context,
        sealed={"token": event.sealed_token},
    )
