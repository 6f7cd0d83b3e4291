"""``python -m invoicing``: check the database and Kafka, then serve the HTTP API."""

from invoicing.main import create_app
from invoicing.settings import load_settings
from kernel.http import serve

serve(load_settings, create_app)
