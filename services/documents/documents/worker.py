"""``python -m documents.worker``: outbox relay and consumers."""

from documents.bootstrap import subscriptions
from documents.settings import load_settings
from kernel.worker import run_worker

if __name__ == "__main__":
    run_worker(load_settings, subscriptions)
