"""``python -m notification.worker``: outbox relay and consumers."""

from kernel.worker import run_worker
from notification.bootstrap import subscriptions
from notification.settings import load_settings

if __name__ == "__main__":
    run_worker(load_settings, subscriptions)
