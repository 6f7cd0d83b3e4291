"""Beneficiary: the insured persons an institution acts for, their decisions and bank details."""
