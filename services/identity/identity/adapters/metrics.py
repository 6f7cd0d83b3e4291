"""Login counters for the dashboards and alerts (deploy/observability/). They live here rather
than in ``kernel.metrics``: only identity knows logins, codes and lockouts."""

from prometheus_client import Counter

LOGINS_STARTED = Counter(
    "guichet_identity_logins_started_total",
    "Logins whose password was right and for which an SMS code was sent.",
)
LOGINS_SUCCEEDED = Counter(
    "guichet_identity_logins_succeeded_total", "Logins whose SMS code was right: sessions opened."
)
LOGINS_FAILED = Counter(
    "guichet_identity_logins_failed_total",
    "Refused login steps, by step (password, code, resend) and reason (the problem code).",
    ["step", "reason"],
)
LOGIN_CODES_ISSUED = Counter(
    "guichet_identity_login_codes_issued_total",
    "SMS login codes issued (first: after the password; resend: asked again).",
    ["kind"],
)
LOCKOUTS = Counter(
    "guichet_identity_lockouts_total",
    "E-mail addresses locked for 15 minutes after too many wrong passwords.",
)

# Series that exist from the start at 0, so that rate() sees the first one as an increase.
for _kind in ("first", "resend"):
    LOGIN_CODES_ISSUED.labels(_kind)
for _step, _reason in (
    ("password", "invalid_credentials"),
    ("password", "locked"),
    ("code", "invalid_code"),
    ("code", "challenge_void"),
):
    LOGINS_FAILED.labels(_step, _reason)


def login_failed(step: str, reason: str) -> None:
    LOGINS_FAILED.labels(step, reason).inc()
