"""``python -m notification.migrate``: bring notification's database to the latest migration."""

from pathlib import Path

from kernel.migrations import upgrade_to_head
from notification.settings import load_settings

if __name__ == "__main__":
    upgrade_to_head(Path(__file__).resolve().parent.parent, load_settings)
