"""How the use cases' refusals reach the caller: kernel error types, one problem+json each."""

from kernel.errors import Conflict, NotFound
from kernel.errors import invalid as invalid


def beneficiary_not_found() -> NotFound:
    # Also the answer for another institution's beneficiary: its existence is not revealed.
    return NotFound(code="beneficiary_not_found", detail="no such beneficiary")


def beneficiary_changed() -> Conflict:
    return Conflict(code="beneficiary_changed", detail="the beneficiary changed meanwhile")


def beneficiary_archived() -> Conflict:
    return Conflict(code="beneficiary_archived", detail="an archived beneficiary is kept as is")
