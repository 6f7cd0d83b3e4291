"""The titles of the ten invoice forms, by official form number, as the counter shows them."""

from collections.abc import Mapping

from notification.domain.messages import Language

FORM_TITLES: Mapping[str, Mapping[Language, str]] = {
    "318.635": {
        "fr": "Moyens auxiliaires – Poste de travail et tâches de la personne assurée",
        "de": "Hilfsmittel – Arbeitsplatz und Aufgabenbereich der versicherten Person",
        "it": "Mezzi ausiliari – Posto di lavoro e mansioni della persona assicurata",
    },
    "318.636": {
        "fr": "Moyens auxiliaires – Travaux de transformation et véhicules à moteur",
        "de": "Hilfsmittel – Bauliche Anpassungen und Motorfahrzeuge",
        "it": "Mezzi ausiliari – Lavori di trasformazione e veicoli a motore",
    },
    "318.637": {
        "fr": "Moyens auxiliaires – Pour le crâne et le visage",
        "de": "Hilfsmittel – Kopf und Gesicht",
        "it": "Mezzi ausiliari – Per il cranio e il viso",
    },
    "318.638": {
        "fr": "Moyens auxiliaires – Pour aveugles et handicapés graves de la vue",
        "de": "Hilfsmittel – Für Blinde und hochgradig Sehbehinderte",
        "it": "Mezzi ausiliari – Per ciechi e gravi invalidi della vista",
    },
    "318.639": {
        "fr": "Moyens auxiliaires – Autonomie personnelle",
        "de": "Hilfsmittel – Persönliche Selbstständigkeit",
        "it": "Mezzi ausiliari – Autonomia personale",
    },
    "318.632.2": {
        "fr": "Allocation pour impotents (API) et supplément pour soins intenses (SSI) pour "
        "mineurs",
        "de": "Hilflosenentschädigung (HE) und Intensivpflegezuschlag (IPZ) für Minderjährige",
        "it": "Assegno per grandi invalidi (AGI) e supplemento per cure intensive (SCI) per "
        "minorenni",
    },
    "300.001": {
        "fr": "Appareillage auditif",
        "de": "Hörgeräteversorgung",
        "it": "Apparecchi acustici",
    },
    "318.536": {
        "fr": "Contribution d'assistance",
        "de": "Assistenzbeitrag",
        "it": "Contributo per l'assistenza",
    },
    "318.632.1": {
        "fr": "Frais de voyage et nourriture",
        "de": "Reise- und Verpflegungskosten",
        "it": "Spese di viaggio e di vitto",
    },
    "318.632": {
        "fr": "Autre facture",
        "de": "Andere Rechnung",
        "it": "Altra fattura",
    },
}


def form_title(form: str, language: Language) -> str:
    """The form's title in ``language`` (the event's ``form`` is always one of the ten)."""
    return FORM_TITLES[form][language]
