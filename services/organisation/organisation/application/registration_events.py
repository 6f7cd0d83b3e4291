"""The integration events a registration announces (topic ``organisation.registration``)."""

from contracts import organisation as events
from organisation.domain.registration import Registration


def _facts(registration: Registration) -> dict[str, object]:
    manager = registration.manager
    return {
        "institution_id": registration.institution_id,
        "institution_name": registration.company.name,
        "gln": registration.company.gln,
        "manager": events.Manager(
            account_id=manager.account_id,
            first_name=manager.first_name,
            last_name=manager.last_name,
            email=manager.email,
            language=manager.language,
        ),
    }


def submitted(registration: Registration) -> events.RegistrationSubmitted:
    return events.RegistrationSubmitted.model_validate(_facts(registration))


def approved(registration: Registration) -> events.RegistrationApproved:
    return events.RegistrationApproved.model_validate(_facts(registration))


def refused(registration: Registration) -> events.RegistrationRefused:
    reason = registration.decision.reason if registration.decision else None
    if reason is None:
        raise ValueError("only a refused registration announces a refusal")
    return events.RegistrationRefused.model_validate({**_facts(registration), "reason": reason})
