"""The stable English codes of PRODUCT.md and the words the window shows for them."""

from __future__ import annotations

from enum import StrEnum

from lkoe_desktop.domain.i18n import N_, gettext, translated


class Sector(StrEnum):
    BUSINESS = "business"
    PUBLIC = "public"
    ACADEMIA = "academia"
    CIVIL_SOCIETY = "civil_society"
    OTHER = "other"


class SizeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"
    UNKNOWN = "unknown"


class Relationship(StrEnum):
    PROJECT_PARTNER = "project_partner"
    MEMBER = "member"
    NETWORK = "network"
    FUNDER = "funder"
    PROSPECT = "prospect"


class MeetingKind(StrEnum):
    SEMINAR = "seminar"
    WORKSHOP = "workshop"
    NETWORK_MEETING = "network_meeting"
    STEERING_GROUP = "steering_group"
    STUDY_VISIT = "study_visit"
    CONFERENCE = "conference"
    WEBINAR = "webinar"
    OTHER = "other"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    HELD = "held"
    CANCELLED = "cancelled"


class ParticipationStatus(StrEnum):
    INVITED = "invited"
    REGISTERED = "registered"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class Role(StrEnum):
    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    ORGANISER = "organiser"
    MODERATOR = "moderator"


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class LegalBasis(StrEnum):
    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"


class Language(StrEnum):
    SWEDISH = "sv"
    ENGLISH = "en"


_LABELS: dict[tuple[type[StrEnum], str], str] = {
    (type(code), code.value): message
    for code, message in (
        (Sector.BUSINESS, N_("Business")),
        (Sector.PUBLIC, N_("Public sector")),
        (Sector.ACADEMIA, N_("Academia")),
        (Sector.CIVIL_SOCIETY, N_("Civil society")),
        (Sector.OTHER, N_("Other")),
        (SizeClass.MICRO, N_("Micro (< 10)")),
        (SizeClass.SMALL, N_("Small (< 50)")),
        (SizeClass.MEDIUM, N_("Medium (< 250)")),
        (SizeClass.LARGE, N_("Large (≥ 250)")),
        (SizeClass.UNKNOWN, N_("Unknown")),
        (Relationship.PROJECT_PARTNER, N_("Project partner")),
        (Relationship.MEMBER, N_("Member")),
        (Relationship.NETWORK, N_("Network participant")),
        (Relationship.FUNDER, N_("Funder")),
        (Relationship.PROSPECT, N_("Prospect")),
        (MeetingKind.SEMINAR, N_("Seminar")),
        (MeetingKind.WORKSHOP, N_("Workshop")),
        (MeetingKind.NETWORK_MEETING, N_("Network meeting")),
        (MeetingKind.STEERING_GROUP, N_("Steering group meeting")),
        (MeetingKind.STUDY_VISIT, N_("Study visit")),
        (MeetingKind.CONFERENCE, N_("Conference")),
        (MeetingKind.WEBINAR, N_("Webinar")),
        (MeetingKind.OTHER, N_("Other")),
        (MeetingStatus.PLANNED, N_("Planned")),
        (MeetingStatus.OPEN, N_("Open for registration")),
        (MeetingStatus.HELD, N_("Held")),
        (MeetingStatus.CANCELLED, N_("Cancelled")),
        (ParticipationStatus.INVITED, N_("Invited")),
        (ParticipationStatus.REGISTERED, N_("Registered")),
        (ParticipationStatus.ATTENDED, N_("Attended")),
        (ParticipationStatus.NO_SHOW, N_("No-show")),
        (ParticipationStatus.CANCELLED, N_("Cancelled registration")),
        (Role.PARTICIPANT, N_("Participant")),
        (Role.SPEAKER, N_("Speaker")),
        (Role.ORGANISER, N_("Organiser")),
        (Role.MODERATOR, N_("Moderator")),
        (Gender.WOMAN, N_("Woman")),
        (Gender.MAN, N_("Man")),
        (Gender.OTHER, N_("Other gender")),
        (Gender.UNSPECIFIED, N_("Not specified")),
        (LegalBasis.CONSENT, N_("Consent")),
        (LegalBasis.LEGITIMATE_INTEREST, N_("Legitimate interest")),
        (LegalBasis.CONTRACT, N_("Contract")),
        (LegalBasis.LEGAL_OBLIGATION, N_("Legal obligation")),
        (Language.SWEDISH, N_("Swedish")),
        (Language.ENGLISH, N_("English")),
    )
}


def label(code: StrEnum) -> str:
    """The word the window shows for a code, in the current language."""
    return gettext(_LABELS[type(code), code.value])


def label_in(code: StrEnum, language: str) -> str:
    """The word for a code in `language`, whatever the window's language (an import takes both)."""
    return translated(_LABELS[type(code), code.value], language)


def label_for(enum: type[StrEnum], value: str) -> str:
    """The word for a stored code of `enum`; a code the list does not know is shown as it is."""
    try:
        return label(enum(value))
    except ValueError:
        return value


def codes(enum: type[StrEnum]) -> list[str]:
    return [member.value for member in enum]


# Participation statuses that put a person on a sign-in sheet or a badge (invited on request).
ON_SIGN_IN_SHEET = (ParticipationStatus.REGISTERED, ParticipationStatus.ATTENDED)

MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 10_000
