"""Why the domain refuses an input: the kernel's pure problem types (French and German)."""

from kernel.problems import InvalidInput, Problem, Wording, required

__all__ = ["InvalidInput", "Problem", "Wording", "required"]
