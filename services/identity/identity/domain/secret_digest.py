"""How secrets are kept: only digests are stored, never the code or token itself."""

import hashlib
import hmac
from uuid import UUID


def token_digest(token: str) -> str:
    """SHA-256 of a 32-byte random token: too much entropy to guess, so no salt is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


def code_digest(key: bytes, challenge_id: UUID, code: str) -> str:
    """HMAC of a 6-digit code, bound to its challenge.

    A million codes are quickly tried against a plain hash; keyed with a secret that is not in
    the database, a leaked table reveals nothing. Binding to the challenge id means a code is
    worth nothing for another login attempt.
    """
    return hmac.new(key, f"{challenge_id}:{code}".encode(), hashlib.sha256).hexdigest()


def same_digest(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
