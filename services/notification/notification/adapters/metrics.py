"""E-mail and SMS counters. They live here rather than in ``kernel.metrics``: only the
notification service sends e-mails and SMS, so no other service would ever export them."""

from prometheus_client import Counter

from notification.domain.delivery import Dispatch
from notification.domain.messages import Channel, Template

EMAILS_SENT = Counter(
    "guichet_emails_sent_total", "E-mails accepted by the SMTP server, by template.", ["template"]
)
EMAILS_FAILED = Counter(
    "guichet_emails_failed_total",
    "Failed e-mail attempts, by template and kind (transient: retried; permanent: not).",
    ["template", "kind"],
)
SMS_SENT = Counter(
    "guichet_sms_sent_total", "SMS accepted by the SMS provider, by template.", ["template"]
)
SMS_FAILED = Counter(
    "guichet_sms_failed_total",
    "Failed SMS attempts, by template and kind (transient: retried; permanent: not).",
    ["template", "kind"],
)
NOT_SENT = Counter(
    "guichet_notifications_skipped_total",
    "Messages deliberately not sent (e.g. their code or link had expired), by template.",
    ["channel", "template", "reason"],
)


class PrometheusDeliveryObserver:
    def __init__(self) -> None:
        # Every series exists from the start at 0, so that an alert on the failure rate sees
        # the first failure as an increase rather than as a new series.
        for template in Template:
            email = template.channel is Channel.EMAIL
            (EMAILS_SENT if email else SMS_SENT).labels(template.value)
            for kind in ("transient", "permanent"):
                (EMAILS_FAILED if email else SMS_FAILED).labels(template.value, kind)

    def sent(self, dispatch: Dispatch) -> None:
        counter = SMS_SENT if dispatch.template.channel is Channel.SMS else EMAILS_SENT
        counter.labels(dispatch.template.value).inc()

    def failed(self, dispatch: Dispatch, *, transient: bool) -> None:
        counter = SMS_FAILED if dispatch.template.channel is Channel.SMS else EMAILS_FAILED
        counter.labels(dispatch.template.value, "transient" if transient else "permanent").inc()

    def skipped(self, dispatch: Dispatch, reason: str) -> None:
        NOT_SENT.labels(dispatch.template.channel.value, dispatch.template.value, reason).inc()
