"""``python -m organisation``: check the database and Kafka, then serve the HTTP API."""

from kernel.http import serve
from organisation.main import create_app
from organisation.settings import load_settings

serve(load_settings, create_app)
