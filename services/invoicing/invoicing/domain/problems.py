"""Why the domain refuses an invoice: the kernel's pure problem types (French and German)."""

from kernel.problems import InvalidInput, Problem, Wording, required

__all__ = ["InvalidInput", "Problem", "Wording", "required", "same"]


def same(text: str) -> Wording:
    """A text that reads the same in every language (a name, a number)."""
    return {"fr": text, "de": text}
