"""Why a domain refuses an input, in the words the form shows (French and German).

Pure data, importable by domain code; ``kernel.errors.invalid`` turns the problems into the
422 problem+json answer."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Keyed by language code; every wording has at least "fr" and "de".
Wording = Mapping[str, str]


@dataclass(frozen=True)
class Problem:
    """One refused value; ``field`` is the JSON path of the input, e.g. ``lines[2].date``."""

    field: str
    code: str
    message: Wording


class InvalidInput(ValueError):
    """Every problem found in one input, so that the form can show them all at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(", ".join(f"{p.field}: {p.code}" for p in self.problems))


def required(field: str, label: Wording) -> Problem:
    # The seed guide's wording: "Le champ Date des prestations dispensées est obligatoire."
    return Problem(
        field,
        "required",
        {
            "fr": f"Le champ {label['fr']} est obligatoire.",
            "de": f"Das Feld {label['de']} ist obligatorisch.",
        },
    )
