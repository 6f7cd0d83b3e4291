"""``python -m identity.worker``: outbox relay and consumers."""

from identity.bootstrap import subscriptions
from identity.settings import load_settings
from kernel.worker import run_worker

if __name__ == "__main__":
    run_worker(load_settings, subscriptions)
