"""The links e-mails carry, built from the public address of the counter."""

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from uuid import UUID


@dataclass(frozen=True)
class Links:
    public_url: str

    def _page(self, path: str, **query: str) -> str:
        base = self.public_url.rstrip("/") + path
        return f"{base}?{urlencode(query)}" if query else base

    def login(self) -> str:
        return self._page("/connexion")

    def password_reset(self, token: str) -> str:
        return self._page("/mot-de-passe/nouveau", token=token)

    def invitation(self, token: str) -> str:
        return self._page("/invitation", token=token)

    def invoice(self, invoice_id: UUID) -> str:
        """The invoice's page on the counter (in correction, the form with the office's message)."""
        return self._page(f"/factures/{invoice_id}")

    @property
    def otp_origin(self) -> str | None:
        """The host an SMS code is bound to (``@host #code``, WebOTP), so that browsers offer
        to fill the code only on the real counter; None unless the counter is served over
        HTTPS under a domain name."""
        parts = urlsplit(self.public_url)
        host = parts.hostname
        if parts.scheme != "https" or not host or host == "localhost":
            return None
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return host
        return None
