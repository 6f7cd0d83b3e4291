"""``python -m organisation.worker``: outbox relay and consumers."""

from kernel.worker import run_worker
from organisation.bootstrap import subscriptions
from organisation.settings import load_settings

if __name__ == "__main__":
    run_worker(load_settings, subscriptions)
