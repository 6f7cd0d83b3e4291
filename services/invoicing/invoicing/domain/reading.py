"""A typed reader of the raw JSON ``content`` of an invoice that collects every problem.

Each method reads one key, records a problem under its JSON path when the value is missing or
wrong, and then returns a neutral value (empty text, zero, the given fallback day) so that the
form can go on and find the other problems. ``check()`` raises as soon as one problem was found,
so neutral values never reach a result. Keys a form never reads are reported as unknown: a
client never sends computed amounts.
"""

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from invoicing.domain.problems import Problem, Wording, required

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_NUMBER = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,12})?")


def _problem(field: str, code: str, fr: str, de: str) -> Problem:
    return Problem(field, code, {"fr": fr, "de": de})


def unknown_field(field: str) -> Problem:
    return _problem(
        field, "unknown_field", "Ce champ n'est pas attendu.", "Dieses Feld ist nicht vorgesehen."
    )


def not_in_future(field: str, label: Wording) -> Problem:
    return _problem(
        field,
        "future_date",
        f"Le champ {label['fr']} ne peut pas être dans le futur.",
        f"Das Feld {label['de']} darf nicht in der Zukunft liegen.",
    )


def first_of_month(day: date) -> date:
    return day.replace(day=1)


class Reader:
    """Reads the keys of one JSON object found at ``path``; problems go to a shared list."""

    def __init__(
        self, raw: Mapping[str, object], path: str, problems: list[Problem], today: date
    ) -> None:
        self._raw = raw
        self._path = path
        self._problems = problems
        self._read: set[str] = set()
        self.today = today

    @classmethod
    def of(cls, raw: object, path: str, problems: list[Problem], today: date) -> "Reader":
        """A reader of ``raw``; something else than an object is a problem and reads as ``{}``."""
        if not isinstance(raw, Mapping):
            problems.append(_invalid_object(path))
            raw = {}
        return cls(raw, path, problems, today)

    def path(self, key: str) -> str:
        return f"{self._path}.{key}" if self._path else key

    def report(self, problem: Problem) -> None:
        self._problems.append(problem)

    def close(self) -> None:
        """Reports every key that no method read."""
        for key in self._raw:
            if key not in self._read:
                self.report(unknown_field(self.path(str(key))[:200]))

    def _get(self, key: str) -> object:
        self._read.add(key)
        value = self._raw.get(key)
        return value.strip() if isinstance(value, str) else value

    def has(self, key: str) -> bool:
        """Whether ``key`` holds a value (neither absent, null nor blank)."""
        value = self._raw.get(key)
        return not (value is None or (isinstance(value, str) and not value.strip()))

    def skip(self, key: str, label: Wording) -> None:
        """Refuses a value under ``key`` that does not apply here."""
        self._read.add(key)
        if self.has(key):
            self.report(
                _problem(
                    self.path(key),
                    "not_applicable",
                    f"Le champ {label['fr']} ne s'applique pas ici.",
                    f"Das Feld {label['de']} ist hier nicht anwendbar.",
                )
            )

    def _missing(self, key: str, label: Wording, value: object) -> bool:
        if value is None or value == "":
            self.report(required(self.path(key), label))
            return True
        return False

    def text(
        self, key: str, label: Wording, *, max_length: int = 200, optional: bool = False
    ) -> str:
        value = self._get(key)
        if optional and value in (None, ""):
            return ""
        if self._missing(key, label, value):
            return ""
        if not isinstance(value, str):
            self.report(
                _problem(
                    self.path(key),
                    "invalid_text",
                    f"Le champ {label['fr']} doit être un texte.",
                    f"Das Feld {label['de']} muss ein Text sein.",
                )
            )
            return ""
        if len(value) > max_length:
            self.report(too_long(self.path(key), label, max_length))
            return ""
        return value

    def choice(self, key: str, label: Wording, options: Sequence[str]) -> str:
        value = self._get(key)
        if self._missing(key, label, value):
            return options[0]
        if value not in options:
            self.report(
                _problem(
                    self.path(key),
                    "invalid_choice",
                    f"Le champ {label['fr']} doit valoir l'une de : {', '.join(options)}.",
                    f"Das Feld {label['de']} muss einer dieser Werte sein: {', '.join(options)}.",
                )
            )
            return options[0]
        return str(value)

    def optional_choice(self, key: str, label: Wording, options: Sequence[str]) -> str | None:
        if not self.has(key):
            self._get(key)
            return None
        return self.choice(key, label, options)

    def boolean(self, key: str, label: Wording, *, default: bool | None = None) -> bool:
        value = self._get(key)
        if value is None and default is not None:
            return default
        if self._missing(key, label, value):
            return False
        if not isinstance(value, bool):
            self.report(
                _problem(
                    self.path(key),
                    "invalid_boolean",
                    f"Le champ {label['fr']} doit valoir oui ou non.",
                    f"Das Feld {label['de']} muss ja oder nein sein.",
                )
            )
            return False
        return value

    def decimal(
        self,
        key: str,
        label: Wording,
        *,
        places: int = 2,
        maximum: Decimal,
        positive: bool = False,
        default: Decimal | None = None,
    ) -> Decimal:
        """A number ≥ 0 (> 0 when ``positive``) with at most ``places`` decimals."""
        raw = self._get(key)
        if raw in (None, "") and default is not None:
            return default
        if self._missing(key, label, raw):
            return Decimal(0)
        return self.number_at(self.path(key), raw, label, places, maximum, positive)

    def number_at(
        self,
        field: str,
        raw: object,
        label: Wording,
        places: int,
        maximum: Decimal,
        positive: bool,
    ) -> Decimal:
        value = _number(raw)
        if value is None:
            self.report(
                _problem(
                    field,
                    "invalid_number",
                    f"Le champ {label['fr']} doit être un nombre.",
                    f"Das Feld {label['de']} muss eine Zahl sein.",
                )
            )
            return Decimal(0)
        if value != value.quantize(Decimal(1).scaleb(-places)):
            self.report(
                _problem(
                    field,
                    "too_many_decimals",
                    f"Le champ {label['fr']} admet au plus {places} décimales.",
                    f"Das Feld {label['de']} erlaubt höchstens {places} Dezimalstellen.",
                )
            )
            return Decimal(0)
        if value < 0 or (positive and value == 0):
            self.report(
                _problem(
                    field,
                    "too_small",
                    f"Le champ {label['fr']} doit être {'> 0' if positive else '≥ 0'}.",
                    f"Das Feld {label['de']} muss {'> 0' if positive else '≥ 0'} sein.",
                )
            )
            return Decimal(0)
        if value > maximum:
            self.report(too_large(field, label, maximum))
            return Decimal(0)
        return value

    def integer(self, key: str, label: Wording, *, maximum: int, default: int | None = None) -> int:
        """A whole number from 0 to ``maximum``."""
        raw = self._get(key)
        if raw in (None, "") and default is not None:
            return default
        if self._missing(key, label, raw):
            return 0
        return self.integer_at(self.path(key), raw, label, maximum)

    def integer_at(self, field: str, raw: object, label: Wording, maximum: int) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.report(
                _problem(
                    field,
                    "invalid_integer",
                    f"Le champ {label['fr']} doit être un nombre entier.",
                    f"Das Feld {label['de']} muss eine ganze Zahl sein.",
                )
            )
            return 0
        if raw < 0:
            self.report(
                _problem(
                    field,
                    "too_small",
                    f"Le champ {label['fr']} doit être au moins 0.",
                    f"Das Feld {label['de']} muss mindestens 0 sein.",
                )
            )
            return 0
        if raw > maximum:
            self.report(too_large(field, label, Decimal(maximum)))
            return 0
        return raw

    def day(self, key: str, label: Wording) -> date:
        """An ISO date (``2025-07-03``) not after today; reads as today when refused."""
        raw = self._get(key)
        if self._missing(key, label, raw):
            return self.today
        value = None
        if isinstance(raw, str) and _DAY.fullmatch(raw):
            try:
                value = date.fromisoformat(raw)
            except ValueError:
                value = None
        if value is None:
            self.report(
                _problem(
                    self.path(key),
                    "invalid_date",
                    f"Le champ {label['fr']} doit être une date (AAAA-MM-JJ).",
                    f"Das Feld {label['de']} muss ein Datum sein (JJJJ-MM-TT).",
                )
            )
            return self.today
        if value > self.today:
            self.report(not_in_future(self.path(key), label))
            return self.today
        return value

    def month(self, key: str, label: Wording) -> date:
        """A month ``2025-07`` not after the current one, as its first day."""
        raw = self._get(key)
        this_month = first_of_month(self.today)
        if self._missing(key, label, raw):
            return this_month
        value = None
        if isinstance(raw, str) and _MONTH.fullmatch(raw):
            try:
                value = date(int(raw[:4]), int(raw[5:]), 1)
            except ValueError:
                value = None
        if value is None:
            self.report(
                _problem(
                    self.path(key),
                    "invalid_month",
                    f"Le champ {label['fr']} doit être un mois (AAAA-MM).",
                    f"Das Feld {label['de']} muss ein Monat sein (JJJJ-MM).",
                )
            )
            return this_month
        if value > this_month:
            self.report(not_in_future(self.path(key), label))
            return this_month
        return value

    def items(
        self, key: str, label: Wording, *, max_items: int, min_items: int = 1
    ) -> list["Reader"]:
        """The objects of the list under ``key``, one reader each."""
        raw = self._get(key)
        field = self.path(key)
        if raw is None or raw == []:
            if min_items:
                self.report(required(field, label))
            return []
        if not isinstance(raw, list):
            self.report(invalid_list(field, label))
            return []
        if len(raw) > max_items:
            self.report(
                _problem(
                    field,
                    "too_many",
                    f"Le champ {label['fr']} compte au plus {max_items} éléments.",
                    f"Das Feld {label['de']} umfasst höchstens {max_items} Einträge.",
                )
            )
            return []
        readers = []
        for index, item in enumerate(raw):
            if isinstance(item, Mapping):
                readers.append(Reader(item, f"{field}[{index}]", self._problems, self.today))
            else:
                self.report(_invalid_object(f"{field}[{index}]"))
        return readers

    def integers(self, key: str, label: Wording, *, count: int, maximum: int) -> tuple[int, ...]:
        """A list of exactly ``count`` whole numbers (absent: all zero)."""
        raw = self._get(key)
        field = self.path(key)
        if raw is None:
            return (0,) * count
        if not isinstance(raw, list) or len(raw) != count:
            self.report(
                _problem(
                    field,
                    "invalid_list",
                    f"Le champ {label['fr']} doit être une liste de {count} nombres entiers.",
                    f"Das Feld {label['de']} muss eine Liste von {count} ganzen Zahlen sein.",
                )
            )
            return (0,) * count
        return tuple(
            self.integer_at(f"{field}[{index}]", item, label, maximum)
            for index, item in enumerate(raw)
        )


def _number(raw: object) -> Decimal | None:
    """A JSON number or numeric string as a finite Decimal (``None`` when it is neither)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw) if abs(raw) < 10**12 else None
    if isinstance(raw, float):
        raw = repr(raw)
        try:
            value = Decimal(raw)
        except InvalidOperation:
            return None
        if not value.is_finite() or abs(value) >= 10**12:
            return None
        return value
    if isinstance(raw, str) and _NUMBER.fullmatch(raw):
        return Decimal(raw)
    return None


def _invalid_object(field: str) -> Problem:
    return _problem(
        field or "content",
        "invalid_object",
        "Ce champ doit être un objet.",
        "Dieses Feld muss ein Objekt sein.",
    )


def invalid_list(field: str, label: Wording) -> Problem:
    return _problem(
        field,
        "invalid_list",
        f"Le champ {label['fr']} doit être une liste.",
        f"Das Feld {label['de']} muss eine Liste sein.",
    )


def too_long(field: str, label: Wording, max_length: int) -> Problem:
    return _problem(
        field,
        "too_long",
        f"Le champ {label['fr']} compte au plus {max_length} caractères.",
        f"Das Feld {label['de']} umfasst höchstens {max_length} Zeichen.",
    )


def too_large(field: str, label: Wording, maximum: Decimal) -> Problem:
    return _problem(
        field,
        "too_large",
        f"Le champ {label['fr']} ne peut pas dépasser {maximum}.",
        f"Das Feld {label['de']} darf {maximum} nicht überschreiten.",
    )
