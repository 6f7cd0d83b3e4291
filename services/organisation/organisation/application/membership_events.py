"""The integration events a roster change announces (topic ``organisation.membership``)."""

from contracts import organisation as events
from organisation.domain.members import Member


def _ids(member: Member) -> dict[str, object]:
    return {
        "institution_id": member.institution_id,
        "member_id": member.id,
        "account_id": member.account_id,
    }


def invited(member: Member) -> events.MemberInvited:
    return events.MemberInvited.model_validate(
        {
            **_ids(member),
            "role": member.role.value,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "email": member.email,
            "language": member.language,
        }
    )


def role_changed(member: Member) -> events.MemberRoleChanged:
    return events.MemberRoleChanged.model_validate({**_ids(member), "role": member.role.value})


def details_changed(member: Member) -> events.MemberDetailsChanged:
    return events.MemberDetailsChanged.model_validate(
        {
            **_ids(member),
            "first_name": member.first_name,
            "last_name": member.last_name,
            "mobile": member.mobile,
        }
    )


def removed(member: Member) -> events.MemberRemoved:
    return events.MemberRemoved.model_validate(_ids(member))
