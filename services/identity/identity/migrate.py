"""``python -m identity.migrate``: bring identity's database to the latest migration."""

from pathlib import Path

from identity.settings import load_settings
from kernel.migrations import upgrade_to_head

if __name__ == "__main__":
    upgrade_to_head(Path(__file__).resolve().parent.parent, load_settings)
