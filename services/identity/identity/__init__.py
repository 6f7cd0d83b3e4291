"""Identity: accounts, login challenges, tokens and the JWKS every service trusts."""
