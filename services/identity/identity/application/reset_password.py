"""Choose a new password with a reset link: single use, 60 minutes, newest link only."""

from dataclasses import dataclass

from identity.application.dependencies import Dependencies
from identity.application.ports import IdentityUnitOfWork
from identity.application.replace_password import redeem_password_link
from identity.domain.account import AccountStatus
from identity.domain.one_time_token import TokenPurpose


@dataclass(frozen=True)
class ResetPassword:
    token: str
    password: str
    password_confirmation: str


async def reset_password(
    command: ResetPassword, uow: IdentityUnitOfWork, deps: Dependencies
) -> None:
    await redeem_password_link(
        command.token,
        command.password,
        command.password_confirmation,
        purpose=TokenPurpose.RESET,
        # A pending manager may reset the password chosen at registration before approval.
        statuses=(AccountStatus.ACTIVE, AccountStatus.PENDING),
        reason="reset",
        uow=uow,
        deps=deps,
    )
