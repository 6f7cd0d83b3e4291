"""``python -m beneficiary.worker``: outbox relay and consumers."""

from beneficiary.bootstrap import subscriptions
from beneficiary.settings import load_settings
from kernel.worker import run_worker

if __name__ == "__main__":
    run_worker(load_settings, subscriptions)
