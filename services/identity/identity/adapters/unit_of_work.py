"""Identity's unit of work: the kernel's (one transaction + outbox) with identity's repositories."""

from identity.adapters.accounts import SqlAccounts
from identity.adapters.challenges import SqlChallenges
from identity.adapters.one_time_tokens import SqlOneTimeTokens
from identity.adapters.sessions import SqlSessions
from identity.adapters.throttles import SqlThrottles
from kernel.uow import UnitOfWork


class SqlIdentityUnitOfWork(UnitOfWork):
    """Repositories are built on the current session, so they share its transaction."""

    @property
    def accounts(self) -> SqlAccounts:
        return SqlAccounts(self.session)

    @property
    def throttles(self) -> SqlThrottles:
        return SqlThrottles(self.session)

    @property
    def challenges(self) -> SqlChallenges:
        return SqlChallenges(self.session)

    @property
    def sessions(self) -> SqlSessions:
        return SqlSessions(self.session)

    @property
    def tokens(self) -> SqlOneTimeTokens:
        return SqlOneTimeTokens(self.session)
