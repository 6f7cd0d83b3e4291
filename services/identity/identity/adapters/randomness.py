"""Login codes and link tokens from the operating system's CSPRNG."""

import secrets

import pyotp


class SystemSecrets:
    def login_code(self) -> str:
        # A fresh random HOTP key per code (pyotp draws it from ``secrets``); the code is its
        # first 6-digit value: uniform enough, and never derivable from another code.
        return pyotp.HOTP(pyotp.random_base32(), digits=6).at(0)

    def url_token(self) -> str:
        return secrets.token_urlsafe(32)
