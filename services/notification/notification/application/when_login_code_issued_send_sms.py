"""When identity issues a login code, send it by SMS to the account's mobile (unless expired)."""

from contracts.identity import LoginCodeIssued
from kernel.uow import UnitOfWork
from notification.application.courier import Courier, Secrets
from notification.domain.delivery import Dispatch, minutes_between
from notification.domain.messages import Template


async def when_login_code_issued_send_sms(
    uow: UnitOfWork, event: LoginCodeIssued, *, courier: Courier
) -> None:
    def context(secrets: Secrets) -> dict[str, object]:
        return {
            "code": secrets["code"],
            "valid_minutes": minutes_between(event.occurred_at, event.expires_at),
            "otp_origin": courier.links.otp_origin,
        }

    await courier.deliver(
        Dispatch(
            event_id=event.event_id,
            event_type=event.TYPE,
            template=Template.LOGIN_CODE,
            language=event.language,
            recipient=event.mobile,
            not_after=event.expires_at,
        ),
        context,
        sealed={"code": event.sealed_code},
    )
