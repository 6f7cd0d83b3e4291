"""``python -m identity``: check the database and Kafka, then serve the HTTP API."""

from identity.main import create_app
from identity.settings import load_settings
from kernel.http import serve

serve(load_settings, create_app)
