"""How a mobile number is shown to someone who is not yet logged in."""

import re


def mobile_hint(formatted: str) -> str:
    """``+41 79 123 45 67`` → ``+41 79 *** ** 67``: the country code, the first group and the
    last two digits, enough to recognise one's phone and useless to anyone else."""
    groups = formatted.split(" ")
    if len(groups) < 3:
        digits = re.sub(r"\D", "", formatted)
        return "*" * max(0, len(digits) - 2) + digits[-2:]
    head, first, *rest = groups
    masked = " ".join("*" * len(g) for g in rest)
    tail = rest[-1]
    return f"{head} {first} {masked[: -len(tail)]}{'*' * (len(tail) - 2)}{tail[-2:]}"
