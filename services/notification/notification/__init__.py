"""guichet-notification."""
