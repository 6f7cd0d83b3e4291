"""Notification: every e-mail and SMS that leaves the system, and their delivery log."""
