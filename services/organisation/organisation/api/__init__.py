"""Organisation's HTTP edge: thin routers and their Pydantic schemas."""
