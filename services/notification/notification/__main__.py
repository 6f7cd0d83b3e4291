"""``python -m notification``: check the database and Kafka, then serve the HTTP API."""

from kernel.http import serve
from notification.main import create_app
from notification.settings import load_settings

serve(load_settings, create_app)
