"""Language negotiation and the generic validation messages in French and German."""

from typing import Literal

Language = Literal["fr", "de"]
DEFAULT_LANGUAGE: Language = "fr"


def negotiate(accept_language: str | None) -> Language:
    """Pick French or German from an Accept-Language header; French when neither is asked."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, str]] = []
    for part in accept_language.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((quality, tag.strip().lower()[:2]))
    for _, language in sorted(ranked, key=lambda item: -item[0]):
        if language in ("fr", "de"):
            return language  # type: ignore[return-value]
    return DEFAULT_LANGUAGE


# Pydantic error types → message per language. Services add field-specific wording on top.
VALIDATION_MESSAGES: dict[str, dict[Language, str]] = {
    "missing": {"fr": "Ce champ est obligatoire.", "de": "Dieses Feld ist erforderlich."},
    "extra_forbidden": {
        "fr": "Ce champ n'est pas attendu.",
        "de": "Dieses Feld ist nicht vorgesehen.",
    },
    "string_too_short": {"fr": "Ce texte est trop court.", "de": "Dieser Text ist zu kurz."},
    "string_too_long": {"fr": "Ce texte est trop long.", "de": "Dieser Text ist zu lang."},
    "string_type": {"fr": "Un texte est attendu.", "de": "Ein Text wird erwartet."},
    "int_parsing": {"fr": "Un nombre entier est attendu.", "de": "Eine ganze Zahl wird erwartet."},
    "int_type": {"fr": "Un nombre entier est attendu.", "de": "Eine ganze Zahl wird erwartet."},
    "decimal_parsing": {"fr": "Un montant est attendu.", "de": "Ein Betrag wird erwartet."},
    "bool_parsing": {"fr": "Oui ou non est attendu.", "de": "Ja oder Nein wird erwartet."},
    "date_from_datetime_parsing": {"fr": "Date invalide.", "de": "Ungültiges Datum."},
    "date_parsing": {"fr": "Date invalide.", "de": "Ungültiges Datum."},
    "uuid_parsing": {"fr": "Identifiant invalide.", "de": "Ungültige Kennung."},
    "json_invalid": {
        "fr": "Le contenu n'est pas du JSON valide.",
        "de": "Der Inhalt ist kein gültiges JSON.",
    },
    "model_attributes_type": {"fr": "Un objet est attendu.", "de": "Ein Objekt wird erwartet."},
    "dict_type": {"fr": "Un objet est attendu.", "de": "Ein Objekt wird erwartet."},
    "list_type": {"fr": "Une liste est attendue.", "de": "Eine Liste wird erwartet."},
    "enum": {"fr": "Cette valeur n'est pas proposée.", "de": "Dieser Wert ist nicht vorgesehen."},
    "literal_error": {
        "fr": "Cette valeur n'est pas proposée.",
        "de": "Dieser Wert ist nicht vorgesehen.",
    },
}
FALLBACK_MESSAGE: dict[Language, str] = {"fr": "Valeur invalide.", "de": "Ungültiger Wert."}


def validation_message(error_type: str, language: Language) -> str:
    return VALIDATION_MESSAGES.get(error_type, FALLBACK_MESSAGE)[language]
