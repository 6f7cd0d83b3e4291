"""An institution's roster changes reach the member's account, so that token claims follow.

A role change updates the account's role and ends its sessions (the next login carries the new
role); corrected names or mobile are copied (the login codes go to that mobile); a removal
disables the account, clears its company and ends every session at once. An event about an
account that belongs to another company is stale and ignored."""

import logging
from datetime import datetime

from contracts.organisation import MemberDetailsChanged, MemberRemoved, MemberRoleChanged
from identity.application.ports import Accounts, Sessions
from identity.application.registration_decisions import UnknownAccount
from identity.domain.account import Role
from identity.domain.session import RevokeReason

log = logging.getLogger(__name__)


async def when_member_role_changed_update_account(
    accounts: Accounts, sessions: Sessions, event: MemberRoleChanged, now: datetime
) -> None:
    account = await accounts.get(event.account_id, for_update=True)
    if account is None:
        raise UnknownAccount(str(event.account_id))
    if not account.in_company(event.institution_id):
        log.warning("role change for %s names another company: ignored", event.account_id)
        return
    changed = account.with_role(Role(event.role), now)
    if changed == account:
        return
    await accounts.update(changed)
    await sessions.revoke_all(account.id, RevokeReason.ROLE_CHANGED, now)


async def when_member_details_changed_update_account(
    accounts: Accounts, event: MemberDetailsChanged, now: datetime
) -> None:
    account = await accounts.get(event.account_id, for_update=True)
    if account is None:
        raise UnknownAccount(str(event.account_id))
    if not account.in_company(event.institution_id):
        log.warning("details change for %s names another company: ignored", event.account_id)
        return
    changed = account.with_details(
        first_name=event.first_name, last_name=event.last_name, mobile=event.mobile, now=now
    )
    if changed != account:
        await accounts.update(changed)


async def when_member_removed_disable_account(
    accounts: Accounts, sessions: Sessions, event: MemberRemoved, now: datetime
) -> None:
    account = await accounts.get(event.account_id, for_update=True)
    if account is None:
        raise UnknownAccount(str(event.account_id))
    if not account.in_company(event.institution_id):
        log.warning("removal of %s names another company: ignored", event.account_id)
        return
    await accounts.update(account.leave_company(now))
    await sessions.revoke_all(account.id, RevokeReason.MEMBER_REMOVED, now)
