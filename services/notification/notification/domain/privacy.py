"""Keep secrets and personal data out of logs and the delivery log's error column."""

from collections.abc import Iterable

REDACTED = "[redacted]"


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret replaced: servers sometimes echo what they were sent."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def mask_recipient(recipient: str) -> str:
    """Enough of an address or phone number to tell deliveries apart in a log line."""
    if "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = recipient.replace(" ", "")
    return f"{digits[:5]}***{digits[-2:]}" if len(digits) > 7 else "***"
