"""``python -m beneficiary``: check the database and Kafka, then serve the HTTP API."""

from beneficiary.main import create_app
from beneficiary.settings import load_settings
from kernel.http import serve

serve(load_settings, create_app)
