"""The office's decision on a registration reaches the manager's account."""

from datetime import datetime

from contracts.organisation import RegistrationApproved, RegistrationRefused
from identity.application.ports import Accounts


class UnknownAccount(LookupError):
    """The decision names an account identity never created: retried, then dead-lettered."""


async def when_registration_approved_activate_account(
    accounts: Accounts, event: RegistrationApproved, now: datetime
) -> None:
    account = await accounts.get(event.manager.account_id, for_update=True)
    if account is None:
        raise UnknownAccount(str(event.manager.account_id))
    activated = account.activate_as_manager(event.institution_id, now)
    if activated != account:
        await accounts.update(activated)


async def when_registration_refused_refuse_account(
    accounts: Accounts, event: RegistrationRefused, now: datetime
) -> None:
    account = await accounts.get(event.manager.account_id, for_update=True)
    if account is None:
        raise UnknownAccount(str(event.manager.account_id))
    refused = account.refuse(now)
    if refused != account:
        await accounts.update(refused)
