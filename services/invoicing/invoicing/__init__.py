"""Invoicing: the ten invoice forms, tariffs, sending, office review and the counter's lists."""
