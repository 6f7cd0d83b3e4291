"""Why the domain refuses an input: the kernel's pure problem types (French and German), and
a single value's refusal whose field the caller knows."""

from kernel.problems import InvalidInput, Problem, Wording, required

__all__ = ["BadValue", "InvalidInput", "Problem", "Wording", "required"]


class BadValue(ValueError):
    """A value that breaks one rule; the caller knows which field it came from."""

    def __init__(self, code: str, message: Wording) -> None:
        self.code = code
        self.message = message
        super().__init__(code)
