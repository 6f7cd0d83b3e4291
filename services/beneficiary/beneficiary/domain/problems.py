"""Why the domain refuses an input, in the words the form shows (French and German)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kernel.i18n import Language

Wording = Mapping[Language, str]


@dataclass(frozen=True)
class Problem:
    """One refused value; ``field`` is the JSON path of the input, e.g. ``bank.iban``."""

    field: str
    code: str
    message: Wording


class InvalidInput(ValueError):
    """Every problem found in one input, so that the form can show them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in self.problems))


class BadValue(ValueError):
    """A value that breaks one rule; the caller knows which field it came from."""

    def __init__(self, code: str, message: Wording) -> None:
        self.code = code
        self.message = message
        super().__init__(code)


def required(field: str, label: Wording) -> Problem:
    return Problem(
        field,
        "required",
        {
            "fr": f"Le champ {label['fr']} est obligatoire.",
            "de": f"Das Feld {label['de']} ist obligatorisch.",
        },
    )
