"""Invoice copy counters. They live here rather than in ``kernel.metrics``: only documents
renders invoice copies."""

from prometheus_client import Counter, Histogram

from documents.domain.invoice_copies import CopyStatus

RENDERED = Counter(
    "guichet_documents_invoice_copies_rendered_total",
    "PDF copies of invoices rendered (at submission and at each decision), by status shown.",
    ["status"],
)
RENDER_SECONDS = Histogram(
    "guichet_documents_invoice_copy_render_seconds",
    "Time to render and store one invoice copy.",
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)


class PrometheusCopyObserver:
    def __init__(self) -> None:
        # Every series exists from the start at 0 (an increase, not a new series, on the first).
        for status in CopyStatus:
            RENDERED.labels(status.value)

    def rendered(self, status: CopyStatus, seconds: float) -> None:
        RENDERED.labels(status.value).inc()
        RENDER_SECONDS.observe(seconds)
