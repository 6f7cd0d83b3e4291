"""Organisation: institutions, their members and roles, company bank accounts."""
