"""``python -m documents``: check the database and Kafka, then serve the HTTP API."""

from documents.main import create_app
from documents.settings import load_settings
from kernel.http import serve

serve(load_settings, create_app)
