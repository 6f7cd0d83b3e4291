"""Notification settings (env prefix NOTIFICATION_)."""

from pydantic_settings import SettingsConfigDict

from kernel.settings import ServiceSettings


class NotificationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFICATION_", extra="ignore", frozen=True)

    service_name: str = "notification"


def load_settings() -> NotificationSettings:
    return NotificationSettings()
