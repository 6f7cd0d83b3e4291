"""Why the domain refuses an invoice, in the words the form shows (French and German)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Wording = Mapping[str, str]


@dataclass(frozen=True)
class Problem:
    """One refused value; ``field`` is the JSON path, e.g. ``content.lines[2].date``."""

    field: str
    code: str
    message: Wording


class InvalidInput(ValueError):
    """Every problem found in one invoice, so that the form can show them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in self.problems))


def required(field: str, label: Wording) -> Problem:
    return Problem(
        field,
        "required",
        {
            "fr": f"Le champ {label['fr']} est obligatoire.",
            "de": f"Das Feld {label['de']} ist obligatorisch.",
        },
    )


def same(text: str) -> Wording:
    """A text that reads the same in every language (a name, a number)."""
    return {"fr": text, "de": text}
