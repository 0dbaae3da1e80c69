"""The description of every kind of record: its name, words, fields, table columns and form.

One description per entity, read by the tables, the command line (text and JSON), the forms and
their validation, the printed and Excel headers and the import's header mapping. The entity
names here are the one vocabulary of the change log, the change signal, forms and deletion.
"""

from __future__ import annotations

from lkoe_desktop.domain.codes import (
    MAX_NOTES_LENGTH,
    Gender,
    Language,
    LegalBasis,
    MeetingKind,
    MeetingStatus,
    ParticipationStatus,
    Relationship,
    Role,
    Sector,
    SizeClass,
)
from lkoe_desktop.domain.fields import Column, Entity, Field, Kind, Section
from lkoe_desktop.domain.i18n import N_, N_plural
from lkoe_desktop.domain.validation import places

ARCHIVED = Field("archived", N_("Archived"), Kind.FLAG, editable=False)
NOTES = Field("notes", N_("Notes"), Kind.LONG_TEXT, headers=("Anteckning", "Kommentar"))
PHONE_HINT = "013-12 34 56"
POSTCODE_HINT = "581 83"
EMAIL_HEADERS = ("E-postadress", "Epost", "Mejl", "Mail", "Email", "E-mail address")


def _email(column: Column) -> Field:
    return Field("email", N_("E-mail"), Kind.EMAIL, column=column, headers=EMAIL_HEADERS)


PARTNER = Entity(
    "partner",
    N_("Partner"),
    N_("Partners"),
    N_plural("{count} partner", "{count} partners"),
    (
        Field(
            "name",
            N_("Name"),
            required=True,
            column=Column(34),
            headers=(
                "Organisation",
                "Organisationsnamn",
                "Företag",
                "Företagsnamn",
                "Company",
                "Organisation name",
                "Partner",
            ),
        ),
        Field(
            "org_number",
            N_("Organisation number"),
            Kind.ORG_NUMBER,
            column=Column(12, heading=N_("Org. number")),
            headers=(
                "Org.nr",
                "Orgnr",
                "Org nr",
                "Organisationsnr",
                "Orgnummer",
                "Org. no.",
                "Company number",
                "Registration number",
            ),
            placeholder="556036-0793",
        ),
        Field("sector", N_("Sector"), Kind.CODE, Sector, column=Column(16)),
        Field(
            "size_class",
            N_("Size (EU)"),
            Kind.CODE,
            SizeClass,
            column=Column(14, heading=N_("Size")),
            headers=("Storlek", "Storleksklass", "Size class"),
        ),
        Field("industry", N_("Industry"), headers=("Bransch",)),
        Field("municipality", N_("Municipality"), Kind.MUNICIPALITY, column=Column(14)),
        Field(
            "relationship",
            N_("Relationship"),
            Kind.CODE,
            Relationship,
            column=Column(18),
            headers=("Relation",),
        ),
        Field(
            "relationship_since", N_("Since"), Kind.DATE, headers=("Relationship since", "Sedan")
        ),
        Field("relationship_until", N_("Until"), Kind.DATE, headers=("Relationship until", "Till")),
        Field(
            "phone",
            N_("Phone"),
            Kind.PHONE,
            column=Column(14, shown=False),
            headers=("Tel", "Telefonnummer", "Växel"),
            placeholder=PHONE_HINT,
        ),
        _email(Column(26, shown=False)),
        Field(
            "website",
            N_("Website"),
            Kind.URL,
            headers=("Webb", "Webbplats", "Hemsida", "Web", "URL"),
            placeholder="www.example.se",
        ),
        Field(
            "postal_street",
            N_("Street address"),
            headers=("Postadress", "Utdelningsadress", "Postal address"),
        ),
        Field(
            "postal_code",
            N_("Postcode"),
            Kind.POSTCODE,
            headers=("Postnr", "Postnummer", "Zip"),
            placeholder=POSTCODE_HINT,
        ),
        Field("postal_city", N_("Town"), headers=("Postort", "Ort", "City")),
        Field(
            "visiting_street", N_("Street address"), headers=("Besöksadress", "Visiting address")
        ),
        Field(
            "visiting_code",
            N_("Postcode"),
            Kind.POSTCODE,
            headers=("Besökspostnummer",),
            placeholder=POSTCODE_HINT,
        ),
        Field("visiting_city", N_("Town"), headers=("Besöksort", "Visiting town")),
        NOTES,
        Field("theme_ids", N_("Themes of interest"), Kind.REFERENCES, json=None),
        ARCHIVED,
    ),
    table=(
        "name",
        "org_number",
        "sector",
        "size_class",
        "municipality",
        "relationship",
        "phone",
        "email",
    ),
    sections=(
        Section(
            "organisation",
            N_("Organisation"),
            ("name", "org_number", "sector", "size_class", "industry", "municipality"),
        ),
        Section("contact", N_("Contact details"), ("phone", "email", "website")),
        Section(
            "relationship",
            N_("Relationship with the cluster"),
            ("relationship", "relationship_since", "relationship_until"),
        ),
        Section("postal", N_("Postal address"), ("postal_street", "postal_code", "postal_city"), 1),
        Section(
            "visiting",
            N_("Visiting address"),
            ("visiting_street", "visiting_code", "visiting_city"),
            1,
        ),
        Section("themes", N_("Themes of interest"), ("theme_ids",), 1),
        Section("notes", N_("Notes"), ("notes",), 1),
    ),
)

CONTACT = Entity(
    "contact",
    N_("Contact"),
    N_("Contacts"),
    N_plural("{count} contact", "{count} contacts"),
    (
        Field(
            "first_name",
            N_("First name"),
            required=True,
            column=Column(16),
            headers=("Förnamn", "Fornamn", "Tilltalsnamn", "Given name", "Firstname"),
        ),
        Field(
            "last_name",
            N_("Last name"),
            required=True,
            column=Column(18),
            headers=("Efternamn", "Surname", "Family name", "Lastname"),
        ),
        Field(
            "full_name",
            N_("Name"),
            headers=("Fullständigt namn", "För- och efternamn", "Full name", "Deltagare"),
            json=None,
            editable=False,
        ),
        Field("gender", N_("Gender"), Kind.CODE, Gender, headers=("Kön",)),
        Field(
            "language",
            N_("Preferred language"),
            Kind.CODE,
            Language,
            headers=("Språk", "Language"),
        ),
        _email(Column(28)),
        Field(
            "phone",
            N_("Phone"),
            Kind.PHONE,
            column=Column(14),
            headers=("Tel", "Telefonnummer", "Arbetstelefon", "Work phone"),
            placeholder=PHONE_HINT,
        ),
        Field(
            "mobile",
            N_("Mobile"),
            Kind.PHONE,
            column=Column(14),
            headers=("Mobil", "Mobiltelefon", "Mobilnummer", "Cell", "Mobile phone"),
            placeholder="070-123 45 67",
        ),
        Field(
            "organisation_id",
            N_("Organisation"),
            Kind.REFERENCE,
            headers=("Organisation id",),
        ),
        Field(
            "organisation",
            N_("Organisation"),
            column=Column(30),
            headers=(
                "Organisation",
                "Organisationsnamn",
                "Företag",
                "Företagsnamn",
                "Arbetsgivare",
                "Arbetsplats",
                "Company",
                "Employer",
            ),
            editable=False,
        ),
        Field(
            "title",
            N_("Job title"),
            column=Column(20),
            headers=("Titel", "Befattning", "Roll", "Title", "Position"),
        ),
        NOTES,
        Field("theme_ids", N_("Themes of interest"), Kind.REFERENCES, json=None),
        ARCHIVED,
    ),
    table=("last_name", "first_name", "organisation", "title", "email", "phone", "mobile"),
    sections=(
        Section("person", N_("Person"), ("first_name", "last_name", "gender", "language")),
        Section("contact", N_("Contact details"), ("email", "phone", "mobile")),
        Section("employer", N_("Employer"), ("organisation_id", "title")),
        Section("themes", N_("Themes of interest"), ("theme_ids",), 1),
        Section("notes", N_("Notes"), ("notes",), 1),
    ),
)

AFFILIATION = Entity(
    "affiliation",
    N_("Affiliation"),
    N_("Employments"),
    N_plural("{count} employment", "{count} employments"),
    (
        Field("contact_id", N_("Contact"), Kind.REFERENCE, required=True),
        Field("organisation_id", N_("Organisation"), Kind.REFERENCE, required=True),
        Field("organisation", N_("Organisation"), column=Column(30), editable=False),
        Field("title", N_("Job title"), column=Column(20)),
        Field("start_date", N_("From"), Kind.DATE, column=Column(11)),
        Field("end_date", N_("Until"), Kind.DATE, column=Column(11)),
        Field("is_current", N_("Current"), Kind.FLAG, editable=False),
    ),
    table=("organisation", "title", "start_date", "end_date"),
)

THEME = Entity(
    "theme",
    N_("Theme"),
    N_("Themes"),
    N_plural("{count} theme", "{count} themes"),
    (
        Field("name", N_("Name"), required=True, column=Column(34), headers=("Tema", "Theme")),
        Field("colour", N_("Colour"), Kind.COLOUR, headers=("Färg", "Color")),
        Field(
            "responsible_id",
            N_("Responsible person"),
            Kind.REFERENCE,
            placeholder=N_("Type part of a name"),
        ),
        Field(
            "responsible",
            N_("Responsible"),
            column=Column(22),
            editable=False,
            headers=("Ansvarig",),
        ),
        Field("active_from", N_("Active from"), Kind.DATE, column=Column(11)),
        Field("active_until", N_("Active until"), Kind.DATE, column=Column(11)),
        Field(
            "description",
            N_("Description"),
            Kind.LONG_TEXT,
            column=Column(40),
            headers=("Beskrivning",),
        ),
        ARCHIVED,
    ),
    table=("name", "responsible", "active_from", "active_until", "description"),
)

MEETING = Entity(
    "meeting",
    N_("Meeting"),
    N_("Meetings"),
    N_plural("{count} meeting", "{count} meetings"),
    (
        Field("title", N_("Title"), required=True, column=Column(40), headers=("Titel", "Möte")),
        Field(
            "kind",
            N_("Kind"),
            Kind.CODE,
            MeetingKind,
            required=True,
            column=Column(18),
            headers=("Typ", "Sort", "Type"),
        ),
        Field(
            "status",
            N_("Status"),
            Kind.CODE,
            MeetingStatus,
            required=True,
            column=Column(16),
        ),
        Field(
            "starts_at",
            N_("Starts"),
            Kind.DATETIME,
            required=True,
            column=Column(16),
            headers=("Start", "Börjar", "Datum", "Date"),
        ),
        Field("ends_at", N_("Ends"), Kind.DATETIME, headers=("Slut", "Slutar", "End")),
        Field(
            "place",
            N_("Place"),
            column=Column(26),
            headers=("Plats", "Lokal", "Location", "Venue"),
            placeholder=N_("For example Norrköpings Hamn, room Kajen"),
        ),
        Field("address", N_("Address"), headers=("Adress",)),
        Field(
            "online_url",
            N_("Online meeting link"),
            Kind.URL,
            headers=("Länk", "Möteslänk", "Link"),
        ),
        Field("organiser", N_("Organiser"), headers=("Arrangör", "Organizer")),
        Field(
            "capacity",
            N_("Number of places"),
            Kind.NUMBER,
            rule=places,
            headers=("Platser", "Antal platser", "Capacity"),
        ),
        Field("description", N_("Description"), Kind.LONG_TEXT, headers=("Beskrivning",)),
        Field("theme_ids", N_("Themes"), Kind.REFERENCES, json=None),
        Field(
            "registered_count",
            N_("Registered"),
            Kind.NUMBER,
            column=Column(9, heading=N_("Number registered")),
            editable=False,
        ),
        Field(
            "attended_count",
            N_("Attended"),
            Kind.NUMBER,
            column=Column(9, heading=N_("Number attended")),
            editable=False,
        ),
        ARCHIVED,
    ),
    table=(
        "starts_at",
        "title",
        "kind",
        "status",
        "place",
        "registered_count",
        "attended_count",
    ),
)

PARTICIPATION = Entity(
    "participation",
    N_("Participant"),
    N_("Participants"),
    N_plural("{count} participant", "{count} participants"),
    (
        Field("meeting_id", N_("Meeting"), Kind.REFERENCE, required=True),
        Field("contact_id", N_("Contact"), Kind.REFERENCE, required=True),
        Field("last_name", N_("Last name"), column=Column(18), editable=False),
        Field("first_name", N_("First name"), column=Column(16), editable=False),
        Field("email", N_("E-mail"), Kind.EMAIL, editable=False, headers=EMAIL_HEADERS),
        Field("organisation_id", N_("Represents"), Kind.REFERENCE),
        Field("organisation", N_("Organisation"), column=Column(30), editable=False),
        Field(
            "status",
            N_("Status"),
            Kind.CODE,
            ParticipationStatus,
            required=True,
            column=Column(14),
            headers=("Anmälan",),
        ),
        Field(
            "role", N_("Role"), Kind.CODE, Role, required=True, column=Column(12), headers=("Roll",)
        ),
        Field(
            "dietary_needs",
            N_("Dietary needs"),
            max_length=MAX_NOTES_LENGTH,
            column=Column(16),
            headers=(
                "Specialkost",
                "Kost",
                "Matpreferenser",
                "Allergier",
                "Allergies",
                "Diet",
                "Dietary requirements",
            ),
            placeholder=N_("For example vegetarian"),
        ),
        Field(
            "note",
            N_("Note"),
            max_length=MAX_NOTES_LENGTH,
            column=Column(20),
            headers=("Anteckning",),
        ),
        Field("checked_in_at", N_("Checked in"), Kind.DATETIME, column=Column(16), editable=False),
    ),
    table=(
        "last_name",
        "first_name",
        "organisation",
        "status",
        "role",
        "dietary_needs",
        "note",
        "checked_in_at",
    ),
)

GROUP = Entity(
    "group",
    N_("Group"),
    N_("Groups"),
    N_plural("{count} group", "{count} groups"),
    (
        Field("name", N_("Name"), required=True, column=Column(30), headers=("Grupp",)),
        Field("description", N_("Description"), Kind.LONG_TEXT, column=Column(40)),
        Field("member_count", N_("Members"), Kind.NUMBER, column=Column(9), editable=False),
        ARCHIVED,
    ),
    table=("name", "member_count", "description"),
)

MEMBERSHIP = Entity(
    "membership",
    N_("Group membership"),
    N_("Group memberships"),
    N_plural("{count} membership", "{count} memberships"),
    (
        Field("group_id", N_("Group"), Kind.REFERENCE, required=True),
        Field("contact_id", N_("Contact"), Kind.REFERENCE, required=True),
        Field("role", N_("Role"), column=Column(20), headers=("Roll",)),
        Field("since", N_("Since"), Kind.DATE, column=Column(11), headers=("Från", "From")),
        Field("until", N_("Until"), Kind.DATE, column=Column(11), headers=("Till", "To")),
    ),
    table=("role", "since", "until"),
)

CONSENT = Entity(
    "consent",
    N_("Consent or legal basis"),
    N_("Consents and legal bases"),
    N_plural("{count} decision", "{count} decisions"),
    (
        Field("contact_id", N_("Contact"), Kind.REFERENCE, required=True),
        Field(
            "decided_on",
            N_("Decided on"),
            Kind.DATE,
            column=Column(11),
            headers=("Datum", "Beslutsdatum", "Date"),
        ),
        Field("purpose", N_("Purpose"), required=True, column=Column(24), headers=("Syfte",)),
        Field(
            "basis",
            N_("Legal basis"),
            Kind.CODE,
            LegalBasis,
            required=True,
            column=Column(20),
            headers=("Rättslig grund", "Basis"),
        ),
        Field("granted", N_("Decision"), Kind.FLAG, column=Column(10)),
        Field(
            "source",
            N_("Source"),
            column=Column(20),
            headers=("Källa",),
            placeholder=N_("For example the registration form"),
        ),
        Field("recorded_by", N_("Recorded by"), column=Column(14), editable=False),
    ),
    table=("decided_on", "purpose", "basis", "granted", "source", "recorded_by"),
)

ENTITIES = (
    PARTNER,
    CONTACT,
    AFFILIATION,
    THEME,
    MEETING,
    PARTICIPATION,
    GROUP,
    MEMBERSHIP,
    CONSENT,
)
BY_NAME = {entity.name: entity for entity in ENTITIES}
