"""``python -m invoicing.worker``: outbox relay and consumers."""

from invoicing.bootstrap import subscriptions
from invoicing.settings import load_settings
from kernel.worker import run_worker

if __name__ == "__main__":
    run_worker(load_settings, subscriptions)
