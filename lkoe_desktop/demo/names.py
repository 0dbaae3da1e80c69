"""Word lists the demo generator draws from: names, trades, places, themes and meeting titles."""

from __future__ import annotations

from typing import NamedTuple

WOMEN = (
    "Agnes", "Alva", "Amanda", "Anna", "Anna-Karin", "Anneli", "Annika", "Astrid", "Birgitta",
    "Camilla", "Cecilia", "Charlotte", "Ebba", "Elin", "Elsa", "Emma", "Eva", "Frida", "Greta",
    "Hanna", "Hedvig", "Helena", "Ida", "Ingrid", "Jenny", "Johanna", "Josefin", "Julia", "Karin",
    "Katarina", "Kerstin", "Klara", "Kristina", "Lena", "Linda", "Linnéa", "Lisa", "Louise",
    "Lovisa", "Maja", "Malin", "Margareta", "Maria", "Matilda", "Mikaela", "Moa", "Märta", "Nora",
    "Petra", "Rebecka", "Saga", "Sara", "Signe", "Sofia", "Susanne", "Therése", "Tove", "Ulla",
    "Ylva", "Åsa", "Ingela", "Solveig",
)  # fmt: skip

MEN = (
    "Anders", "Andreas", "André", "Axel", "Bengt", "Björn", "Daniel", "Emil", "Erik", "Filip",
    "Fredrik", "Gunnar", "Gustav", "Göran", "Hans", "Henrik", "Håkan", "Jan", "Jesper", "Joakim",
    "Johan", "Jonas", "Jörgen", "Karl", "Kjell", "Kristoffer", "Lars", "Leif", "Linus", "Magnus",
    "Marcus", "Martin", "Mats", "Mattias", "Mikael", "Mårten", "Niklas", "Nils", "Olof", "Oskar",
    "Patrik", "Per", "Peter", "Rickard", "Robert", "Rolf", "Sebastian", "Stefan", "Sven", "Sören",
    "Thomas", "Tobias", "Torbjörn", "Ulf", "Viktor", "Åke", "Örjan", "Östen", "Jan-Erik", "Pär",
)  # fmt: skip

SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist",
    "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lind", "Lundqvist",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Eklund", "Danielsson", "Håkansson", "Lundin", "Björk", "Bergman",
    "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist",
    "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist", "Claesson",
    "Nordström", "Mårtensson", "Lundström", "Åberg", "Ängström", "Öberg", "Ödman", "Åkesson",
    "Ågren", "Östlund", "Öhman", "Åström", "Ekström", "Hedlund", "Sundberg", "Sjögren", "Strand",
    "Dahl", "Falk", "Hellström", "Sköld", "Törnqvist", "Wahlén", "Boström", "Hägg", "Ståhl",
    "Stenberg", "Kvist", "Grahn", "Nordin", "Ekberg", "Rydén", "Lövgren", "Andrén",
)  # fmt: skip


class ForeignName(NamedTuple):
    """A name from another alphabet or spelling, with the e-mail local part people use."""

    first: str
    last: str
    gender: str
    email_local: str
    language: str


FOREIGN = (
    ForeignName("Łukasz", "Wójcik", "man", "lukasz.wojcik", "en"),
    ForeignName("Thị Hoa", "Nguyễn", "woman", "hoa.nguyen", "sv"),
    ForeignName("Ægir", "Øster", "man", "aegir.oster", "sv"),
    ForeignName("Σοφία", "Παπαδοπούλου", "woman", "sofia.papadopoulou", "en"),
    ForeignName("Иван", "Петров", "man", "ivan.petrov", "en"),
    ForeignName("Zoë", "Müller", "woman", "zoe.muller", "en"),
    ForeignName("José", "Núñez", "man", "jose.nunez", "sv"),
)


class Municipality(NamedTuple):
    """Where an organisation sits: weight among partners, phone area code, postcodes, city."""

    name: str
    weight: float
    area_code: str
    postcodes: tuple[str, ...]
    city: str


MUNICIPALITIES = (
    Municipality("Norrköping", 30, "11", ("602", "603", "604", "605"), "Norrköping"),
    Municipality("Linköping", 30, "13", ("582", "583", "584", "585", "587"), "Linköping"),
    Municipality("Motala", 7, "141", ("591",), "Motala"),
    Municipality("Mjölby", 5, "142", ("595",), "Mjölby"),
    Municipality("Finspång", 4, "122", ("612",), "Finspång"),
    Municipality("Söderköping", 3, "121", ("614",), "Söderköping"),
    Municipality("Åtvidaberg", 2, "120", ("597",), "Åtvidaberg"),
    Municipality("Valdemarsvik", 2, "123", ("615",), "Valdemarsvik"),
    Municipality("Kinda", 2, "494", ("590",), "Kisa"),
    Municipality("Vadstena", 2, "143", ("592",), "Vadstena"),
    Municipality("Boxholm", 1.5, "142", ("590",), "Boxholm"),
    Municipality("Ödeshög", 1.5, "144", ("599",), "Ödeshög"),
    Municipality("Ydre", 1, "381", ("573",), "Österbymo"),
    Municipality("Stockholm", 2, "8", ("111", "113", "114", "116"), "Stockholm"),
    Municipality("Jönköping", 1.5, "36", ("553", "554", "555"), "Jönköping"),
    Municipality("Göteborg", 1.5, "31", ("411", "412", "414", "417"), "Göteborg"),
)

STREETS = (
    "Storgatan", "Drottninggatan", "Kungsgatan", "Hamngatan", "Industrigatan", "Lagergatan",
    "Åkerivägen", "Östra Promenaden", "Norra Grytsgatan", "Södra Stationsgatan", "Björkvägen",
    "Ängsvägen", "Örtagårdsgatan", "Hospitalsgatan", "Repslagaregatan", "Tullgatan",
    "Bergslagsvägen", "Finspångsvägen", "Gamla Övägen", "Skolgatan", "Teknikringen",
    "Mjärdevivägen", "Ågatan", "Vasavägen", "Malmgatan", "Terminalvägen", "Logistikvägen",
    "Verkstadsgatan", "Järnvägsgatan", "Fabriksgatan", "Kanalgatan", "Slottsvägen",
)  # fmt: skip

# Words that company names are built from: Östergötland places and neutral brand words.
PLACES = (
    "Bråvalla", "Kolmården", "Händelö", "Ingelsta", "Butbro", "Tornby", "Mjärdevi", "Kallerstad",
    "Hageby", "Navestad", "Åby", "Skäggetorp", "Tannefors", "Vikingstad", "Malmslätt",
    "Borensberg", "Skänninge", "Väderstad", "Rimforsa", "Gusum", "Ringarum", "Grebo",
    "Skärblacka", "Krokek", "Stegeborg", "Roxen", "Glan", "Omberg", "Tåkern", "Östgöta", "Vätter",
    "Göta", "Stångå", "Motala Ström", "Bergslagen", "Slätbaken",
)  # fmt: skip
BRANDS = (
    "Nova", "Nordic", "Axel", "Linnea", "Vega", "Polaris", "Cargo", "Flow", "Kvadrat", "Aurora",
    "Tellus", "Orion", "Lumen", "Stella", "Atlas", "Kompass", "Fyr", "Norrsken", "Ankare", "Vinge",
)  # fmt: skip
# What a company adds to its name when the plain one is taken.
NAME_VARIANTS = (
    "Nord", "Syd", "Öst", "Väst", "Norden", "Sverige", "Östergötland", "i {city}", "i {city}",
    "i {city}", "Gruppen", "Service", "Partner", "Center", "Nordic", "Scandinavia", "Plus",
)  # fmt: skip


OSTERGOTLAND = MUNICIPALITIES[:13]
SMALL_MUNICIPALITIES = tuple(m.name for m in OSTERGOTLAND[5:])


class Trade(NamedTuple):
    """A kind of organisation: sector, names with their industry, job titles, themes.

    Name patterns use {place}, {brand}, {surname} and {municipality}; fixed organisations have
    none and take `industry`. `sizes` weigh the size classes micro, small, medium, large,
    unknown; `weight` is the kind's share among generated organisations.
    """

    sector: str
    names: tuple[tuple[str, str], ...]
    titles: tuple[str, ...]
    themes: tuple[int, ...]
    sizes: tuple[float, float, float, float, float]
    weight: float
    industry: str = ""


# Indexes into THEMES.
CITY, BUILD, RURAL, CARE, ECOM, GREEN = range(6)

_BUSINESS_SIZES = (35.0, 30.0, 20.0, 10.0, 5.0)
_ONE_SIZE = (0.0, 0.0, 0.0, 1.0, 0.0)
_OFFICE = ("Vd", "Ekonomichef", "Affärsutvecklare", "Hållbarhetschef", "Inköpschef")
TRADES: dict[str, Trade] = {
    "logistics": Trade(
        "business",
        (("{place} Logistik AB", "Tredjepartslogistik"),
         ("{place} Lager & Distribution AB", "Lager och distribution"),
         ("{place} Terminal AB", "Terminal och omlastning"),
         ("Logistikpartner {place} AB", "Tredjepartslogistik"),
         ("{brand} Logistics AB", "Speditör"),
         ("{surname}s Lager AB", "Lager och distribution")),
        ("Logistikchef", "Lagerchef", "Terminalchef", "Supply chain manager", "Driftchef",
         "Kundansvarig", *_OFFICE),
        (CITY, ECOM, GREEN), _BUSINESS_SIZES, 14,
    ),
    "transport": Trade(
        "business",
        (("{surname}s Åkeri AB", "Åkeri"),
         ("{place} Transport AB", "Vägtransport"),
         ("{place} Frakt AB", "Vägtransport"),
         ("{surname}s Bud AB", "Budfirma"),
         ("{brand} Express AB", "Budfirma"),
         ("{place} Åkeri & Maskin AB", "Åkeri"),
         ("{brand} Rail AB", "Järnvägstransport")),
        ("Trafikledare", "Transportledare", "Åkare", "Transportplanerare", "Chaufför",
         "Trafikchef", *_OFFICE),
        (CITY, RURAL, GREEN), _BUSINESS_SIZES, 12,
    ),
    "it": Trade(
        "business",
        (("{brand} Systems AB", "Mjukvara för logistik"),
         ("{place} IT-konsult AB", "IT-konsulter"),
         ("{brand}data AB", "IT och systemutveckling"),
         ("{brand} Solutions AB", "IT och systemutveckling"),
         ("{brand} Analytics AB", "Dataanalys")),
        ("Systemutvecklare", "IT-chef", "Teknisk chef", "Säljchef", "Produktägare",
         "Konsult", *_OFFICE),
        (ECOM, CITY), _BUSINESS_SIZES, 8,
    ),
    "construction": Trade(
        "business",
        (("{surname}s Bygg AB", "Byggentreprenad"),
         ("{place} Bygg & Entreprenad AB", "Byggentreprenad"),
         ("{place} Mark & Anläggning AB", "Mark och anläggning"),
         ("{place} Fastigheter AB", "Fastighetsförvaltning"),
         ("{brand} Bygg AB", "Byggentreprenad")),
        ("Platschef", "Projektchef", "Arbetsledare", "Etableringsansvarig", "Inköpare",
         "Fastighetschef", *_OFFICE),
        (BUILD, GREEN), _BUSINESS_SIZES, 10,
    ),
    "healthcare": Trade(
        "business",
        (("{place} Vårdcentral AB", "Primärvård"),
         ("Medicinteknik {place} AB", "Medicinteknik"),
         ("{place} Hemtjänst AB", "Vård och omsorg"),
         ("{brand} Medical AB", "Läkemedelsdistribution")),
        ("Verksamhetschef", "Förrådsansvarig", "Logistiksamordnare", "Sjuksköterska",
         *_OFFICE),
        (CARE,), _BUSINESS_SIZES, 5,
    ),
    "retail": Trade(
        "business",
        (("{surname}s Livs AB", "Dagligvaruhandel"),
         ("{place} Handel AB", "Detaljhandel"),
         ("{brand} E-handel AB", "E-handel"),
         ("{place} Järn & Bygghandel AB", "Detaljhandel"),
         ("{brand} Webbshop AB", "E-handel"),
         ("{place} Grossist AB", "Partihandel")),
        ("Butikschef", "E-handelschef", "Lagerchef", "Inköpare", "Kategorichef", *_OFFICE),
        (ECOM, CITY, RURAL), _BUSINESS_SIZES, 10,
    ),
    "industry": Trade(
        "business",
        (("{place} Mekaniska Verkstad AB", "Verkstadsindustri"),
         ("{place} Industri AB", "Tillverkande industri"),
         ("{place} Livsmedel AB", "Livsmedelsproduktion"),
         ("{place} Trä AB", "Skogs- och träindustri"),
         ("{brand} Components AB", "Tillverkande industri")),
        ("Produktionschef", "Logistikchef", "Materialplanerare", "Fabrikschef", *_OFFICE),
        (GREEN, RURAL), _BUSINESS_SIZES, 8,
    ),
    "association": Trade(
        "civil_society",
        (("Företagarna {municipality}", "Företagarorganisation"),
         ("Näringslivsföreningen i {municipality}", "Näringslivsförening"),
         ("Handelsföreningen i {municipality}", "Branschförening"),
         ("Föreningen Hållbar Logistik {place}", "Intresseorganisation"),
         ("Cykelfrämjandet {municipality}", "Intresseorganisation")),
        ("Verksamhetsledare", "Ordförande", "Kanslichef", "Projektledare", "Styrelseledamot"),
        (RURAL, GREEN, CITY), (50, 15, 0, 0, 35), 6,
    ),
    "other": Trade(
        "other",
        (("Stiftelsen {place} Företagspark", "Stiftelse"),
         ("{place} Samfällighetsförening", "Samfällighet"),
         ("Ekonomiska föreningen {place} Lastcentral", "Ekonomisk förening")),
        ("Förvaltare", "Ordförande", "Kassör"),
        (RURAL, CITY), (60, 10, 0, 0, 30), 2,
    ),
    "public_company": Trade(
        "public",
        (("{municipality} Vatten och Avfall AB", "Vatten och avfall"),
         ("{municipality} Bostäder AB", "Bostäder"),
         ("{municipality} Parkering AB", "Parkering"),
         ("{municipality} Energi AB", "Energi")),
        ("Vd", "Logistikansvarig", "Upphandlare", "Miljöstrateg", "Fastighetschef"),
        (CITY, GREEN, BUILD), (0, 20, 50, 30, 0), 3,
    ),
    "research": Trade(
        "academia",
        (("Yrkeshögskolan Logistik {municipality}", "Yrkeshögskoleutbildning"),
         ("{brand} Forskningsinstitut", "Forskning och utveckling"),
         ("{brand} Labs {municipality}", "Forskning och utveckling")),
        ("Forskare", "Utbildningsledare", "Forskningsledare", "Lärare"),
        (GREEN, CITY, CARE), (10, 40, 40, 10, 0), 2,
    ),
    "municipality": Trade(
        "public", (),
        ("Näringslivsutvecklare", "Trafikplanerare", "Upphandlare", "Samhällsplanerare",
         "Miljöstrateg", "Logistiksamordnare", "Enhetschef", "Kommunikatör"),
        (CITY, BUILD, RURAL), _ONE_SIZE, 0, "Kommunal förvaltning",
    ),
    "region": Trade(
        "public", (),
        ("Regional utvecklingsstrateg", "Logistikchef", "Verksamhetsutvecklare",
         "Förrådschef", "Enhetschef", "Upphandlare"),
        (CARE, GREEN, RURAL), _ONE_SIZE, 0, "Hälso- och sjukvård, regional utveckling",
    ),
    "university": Trade(
        "academia", (),
        ("Professor", "Universitetslektor", "Doktorand", "Forskare", "Forskningsingenjör",
         "Innovationsrådgivare"),
        (GREEN, CITY, CARE, ECOM), _ONE_SIZE, 0, "Högre utbildning och forskning",
    ),
    "port": Trade(
        "business", (),
        ("Vd", "Hamnkapten", "Affärsutvecklingschef", "Terminalchef", "Marknadschef"),
        (GREEN, CITY), _ONE_SIZE, 0, "Hamn och terminal",
    ),
    "authority": Trade(
        "public", (),
        ("Handläggare", "Enhetschef", "Analytiker", "Utredare"),
        (GREEN,), _ONE_SIZE, 0, "Statlig myndighet",
    ),
    "office": Trade(
        "public", (),
        ("Projektledare", "Projektkoordinator", "Kommunikatör"),
        (CITY, BUILD, RURAL, CARE, ECOM, GREEN), _ONE_SIZE, 0, "Projektkontor",
    ),
}  # fmt: skip


class FixedOrganisation(NamedTuple):
    """An organisation every demo has; `number` is the organisation number without its check
    digit (departments repeat their organisation's number)."""

    key: str
    name: str
    number: str
    trade: str
    size: str
    municipality: str
    relationship: str
    domain: str


FIXED_ORGANISATIONS = (
    FixedOrganisation("nkpg", "Norrköpings kommun", "212000074", "municipality", "large",
                      "Norrköping", "project_partner", "norrkoping.se"),
    FixedOrganisation("office", "Logistikkluster Östergötland", "212000074", "office", "small",
                      "Norrköping", "project_partner", "norrkoping.se"),
    FixedOrganisation("nkpg_dev", "Norrköpings kommun, Näringslivskontoret", "212000074",
                      "municipality", "medium", "Norrköping", "project_partner", "norrkoping.se"),
    FixedOrganisation("lkpg", "Linköpings kommun", "212000044", "municipality", "large",
                      "Linköping", "project_partner", "linkoping.se"),
    FixedOrganisation("lkpg_plan", "Linköpings kommun, Samhällsbyggnadsförvaltningen",
                      "212000044", "municipality", "large", "Linköping", "project_partner",
                      "linkoping.se"),
    FixedOrganisation("port", "Norrköpings Hamn AB", "556032184", "port", "medium", "Norrköping",
                      "project_partner", "norrkopingshamn.se"),
    FixedOrganisation("liu", "Linköpings universitet", "202100309", "university", "large",
                      "Linköping", "project_partner", "liu.se"),
    FixedOrganisation("liu_itn", "Linköpings universitet, Institutionen för teknik och "
                      "naturvetenskap", "202100309", "university", "large", "Norrköping",
                      "project_partner", "liu.se"),
    FixedOrganisation("liu_iei", "Linköpings universitet, Institutionen för ekonomisk och "
                      "industriell utveckling", "202100309", "university", "large",
                      "Linköping", "project_partner", "liu.se"),
    FixedOrganisation("region", "Region Östergötland", "232100004", "region", "large",
                      "Linköping", "funder", "regionostergotland.se"),
    FixedOrganisation("region_us", "Region Östergötland, Universitetssjukhuset i Linköping",
                      "232100004", "region", "large", "Linköping", "network",
                      "regionostergotland.se"),
    FixedOrganisation("tillvaxtverket", "Tillväxtverket", "202100504", "authority", "large",
                      "Stockholm", "funder", "tillvaxtverket.se"),
    FixedOrganisation("motala", "Motala kommun", "212000054", "municipality", "large",
                      "Motala", "network", "motala.se"),
    FixedOrganisation("mjolby", "Mjölby kommun", "212000055", "municipality", "large",
                      "Mjölby", "network", "mjolby.se"),
    FixedOrganisation("finspang", "Finspångs kommun", "212000046", "municipality", "large",
                      "Finspång", "network", "finspang.se"),
    FixedOrganisation("soderkoping", "Söderköpings kommun", "212000047", "municipality",
                      "large", "Söderköping", "member", "soderkoping.se"),
    FixedOrganisation("atvidaberg", "Åtvidabergs kommun", "212000043", "municipality", "large",
                      "Åtvidaberg", "network", "atvidaberg.se"),
    FixedOrganisation("valdemarsvik", "Valdemarsviks kommun", "212000048", "municipality",
                      "large", "Valdemarsvik", "network", "valdemarsvik.se"),
    FixedOrganisation("kinda", "Kinda kommun", "212000041", "municipality", "large", "Kinda",
                      "member", "kinda.se"),
    FixedOrganisation("vadstena", "Vadstena kommun", "212000058", "municipality", "large",
                      "Vadstena", "network", "vadstena.se"),
    FixedOrganisation("boxholm", "Boxholms kommun", "212000042", "municipality", "large",
                      "Boxholm", "prospect", "boxholm.se"),
    FixedOrganisation("odeshog", "Ödeshögs kommun", "212000049", "municipality", "large",
                      "Ödeshög", "network", "odeshog.se"),
    FixedOrganisation("ydre", "Ydre kommun", "212000040", "municipality", "large", "Ydre",
                      "member", "ydre.se"),
)  # fmt: skip

# Key people: (organisation key, job title, Styrgrupp role or None). The office staff come first.
OFFICE_TITLES = ("Projektledare", "Projektkoordinator", "Kommunikatör")
STEERING_GROUP = (
    ("office", "Projektledare", "Adjungerad, sekreterare"),
    ("nkpg_dev", "Näringslivsdirektör", "Ordförande"),
    ("lkpg", "Näringslivschef", "Vice ordförande"),
    ("port", "Affärsutvecklingschef", "Ledamot"),
    ("liu_itn", "Professor i logistik", "Ledamot"),
    ("region", "Regional utvecklingsstrateg", "Adjungerad"),
)
# The university's first member, who left the group halfway through the project, and the
# organisation of the member who took over the seat.
STEERING_PREDECESSOR = ("liu_iei", "Universitetslektor", "Ledamot")
STEERING_SUCCESSOR = "liu_itn"


class ThemeText(NamedTuple):
    name: str
    description: str
    colour: str


THEMES = (
    ThemeText(
        "Samordnad varudistribution i städer",
        "Färre och fyllda leveranser till kommunernas verksamheter och till butiker i "
        "stadskärnorna genom samlastning, gemensam upphandling och smarta godsflöden.",
        "#1F6FB2",
    ),
    ThemeText(
        "Bygglogistik",
        "Bygg- och entreprenadlogistik som minskar tunga byggtransporter i växande städer: "
        "logistikcentraler, tidsbokade leveranser och samordnade etableringar.",
        "#E07B1A",
    ),
    ThemeText(
        "Landsbygdens logistik",
        "Varuförsörjning och transporter för företag och hushåll på landsbygden när service "
        "och transportnäring koncentreras: samlastning, ombud och lokala nav.",
        "#3C8D2F",
    ),
    ThemeText(
        "Vårdens logistik",
        "Flödesorienterad, patientcentrerad vård: förråd, läkemedel, sterilgods och "
        "transporter i Region Östergötland och hos vårdens leverantörer.",
        "#C0392B",
    ),
    ThemeText(
        "E-handel",
        "E-handelns lager, paketflöden, returer och sista milen – för handlare, "
        "transportörer och kommuner i Östergötland.",
        "#8E44AD",
    ),
    ThemeText(
        "Hållbara transporter",
        "Fossilfria och effektiva godstransporter: elektrifiering, intermodala lösningar via "
        "Norrköpings Hamn och järnväg, och ett bättre fyllda fordon.",
        "#16A085",
    ),
)

# (place, address, city) for meetings; a title's {city} names the place's city.
MEETING_PLACES = (
    ("Norrköpings Hamn, Pirgatan", "Pirgatan 1, 602 24 Norrköping", "Norrköping"),
    ("Campus Norrköping, Kåkenhus", "Bredgatan 33, 602 21 Norrköping", "Norrköping"),
    ("Norrköping Science Park", "Laxholmstorget 3, 602 21 Norrköping", "Norrköping"),
    ("Louis De Geer konsert & kongress", "Dalsgatan 15, 602 32 Norrköping", "Norrköping"),
    ("Norrköpings rådhus", "Drottninggatan 4, 602 24 Norrköping", "Norrköping"),
    ("Linköping Science Park", "Teknikringen 10, 583 30 Linköping", "Linköping"),
    ("Campus Valla, Linköpings universitet", "Campus Valla, 581 83 Linköping", "Linköping"),
    ("Konsert & Kongress Linköping", "Ågatan 47, 582 22 Linköping", "Linköping"),
    ("Linköpings stadshus", "Stora Torget 1, 582 25 Linköping", "Linköping"),
    ("Regionens hus, Linköping", "S:t Larsgatan 49 B, 581 91 Linköping", "Linköping"),
    ("Universitetssjukhuset i Linköping", "Garnisonsvägen 10, 581 85 Linköping", "Linköping"),
    ("Händelö kombiterminal", "Kombiterminalvägen 1, 602 38 Norrköping", "Norrköping"),
    ("Inre hamnen, Norrköping", "Saltängsgatan 2, 602 38 Norrköping", "Norrköping"),
)
GENERAL_PLACES = 10  # the first ten places suit any meeting; the others belong to one title
STEERING_PLACES = (4, 8, 0)
ONLINE_PLACE = "Digitalt (Teams)"
ONLINE_URL = "https://teams.example.org/lkoe/{number}"

# Meeting titles per theme: (kind, title, index of a fixed place or None). {city} is the place's
# city, {city_s} its genitive, {rural} a smaller municipality, {year} the meeting's year.
MEETING_TITLES: tuple[tuple[tuple[str, str, int | None], ...], ...] = (
    (
        ("seminar", "Seminarium: Samordnad varudistribution i {city}", None),
        ("workshop", "Workshop: Gemensam upphandling av varutransporter", None),
        ("network_meeting", "Nätverksträff: Kommunernas samlastningscentraler", None),
        ("study_visit", "Studiebesök: Samlastningscentralen i {city}", None),
        ("seminar", "Frukostseminarium: Citylogistik i {city_s} stadskärna", None),
    ),
    (
        ("workshop", "Workshop: Bygglogistik i {city_s} innerstad", None),
        ("seminar", "Seminarium: Byggtrafik och logistikcentraler i stadsutvecklingen", None),
        ("study_visit", "Studiebesök: Bygglogistiken i Inre hamnen", 12),
        ("network_meeting", "Nätverksträff: Bygglogistik i Östergötland", None),
    ),
    (
        ("seminar", "Seminarium: Godstransporter på landsbygden i {rural}", None),
        ("workshop", "Workshop: Samlastning för handlare och åkerier i {rural}", None),
        ("network_meeting", "Nätverksträff: Landsbygdens logistik", None),
        ("webinar", "Webbinarium: Ombud och paketskåp på landsbygden", None),
    ),
    (
        ("seminar", "Seminarium: Flödeseffektiv vård – logistik i Region Östergötland", 9),
        ("workshop", "Workshop: Läkemedelsförsörjning och förrådslogistik", None),
        ("study_visit", "Studiebesök: Universitetssjukhuset i Linköping", 10),
        ("conference", "Konferens: Vårdlogistikdagen {year}", 7),
    ),
    (
        ("webinar", "Webbinarium: Returflöden i e-handeln", None),
        ("seminar", "Seminarium: Paketskåp och sista milen i {city}", None),
        ("network_meeting", "Nätverksträff: E-handelslager i Östergötland", None),
        ("workshop", "Workshop: E-handel för småföretag i {rural}", None),
    ),
    (
        ("conference", "Konferens: Logistikdagen Östergötland {year}", 3),
        ("seminar", "Seminarium: Elektrifierade tunga transporter", None),
        ("workshop", "Workshop: Intermodala transporter via Norrköpings Hamn", 0),
        ("webinar", "Webbinarium: Fossilfria godstransporter 2030", None),
        ("study_visit", "Studiebesök: Kombiterminalen på Händelö", 11),
    ),
)

MEETING_DESCRIPTIONS = {
    "seminar": "Korta föredrag från forskning och näringsliv följt av frågor och samtal. "
    "Temat är {theme}.",
    "workshop": "Vi arbetar i mindre grupper med konkreta utmaningar inom {theme} och tar "
    "fram förslag till gemensamma aktiviteter.",
    "network_meeting": "En träff för att lära känna andra i nätverket och utbyta erfarenheter "
    "om {theme}.",
    "study_visit": "Vi besöker en verksamhet och ser hur den arbetar med {theme} i praktiken.",
    "conference": "Klustrets årliga konferens med talare från hela landet. I år ligger fokus "
    "på {theme}.",
    "webinar": "Ett kort webbinarium om {theme} med tid för frågor i chatten.",
    "steering_group": "Styrgruppens ordinarie möte: lägesrapport, ekonomi, kommande "
    "aktiviteter och beslut.",
}

CO_ORGANISERS = (
    "Linköpings universitet",
    "Norrköpings kommun",
    "Linköpings kommun",
    "Norrköpings Hamn",
    "Region Östergötland",
)

DIETS = ("Vegetarisk", "Glutenfri", "Laktosfri", "Vegan", "Nötallergi")

CONTACT_NOTES = (
    "Träffades på Logistikdagen, vill ha inbjudningar till seminarier.",
    "Föredrar kontakt per e-post.",
    "Intresserad av att hålla ett föredrag om sina erfarenheter.",
    "Deltar gärna i referensgrupper.",
)
ORGANISATION_NOTES = (
    "Har visat intresse för en plats i den planerade företagsparken.",
    "Kontakt via Näringslivskontoret.",
    "Vill delta i en förstudie om samlastning.",
)

GROUPS = (
    ("Styrgrupp", "Projektets styrgrupp: projektparterna, projektledaren och Region Östergötland."),
    ("Nyhetsbrev", "Mottagare av klustrets nyhetsbrev, som kommer ut varje månad."),
    ("Referensgrupp Vårdens logistik", "Referensgrupp för temat Vårdens logistik."),
)

# Who answers for each theme, by the job title of one of the key people.
THEME_RESPONSIBLE = (
    "Projektledare",
    "Projektkoordinator",
    "Projektkoordinator",
    "Regional utvecklingsstrateg",
    "Kommunikatör",
    "Professor i logistik",
)

STAFF_PURPOSE = "Uppdrag i projektet"
STAFF_SOURCE = "Projektavtal"
NETWORK_PURPOSE = "Nätverksregister och inbjudningar till aktiviteter"
NETWORK_SOURCES = (
    "Kontaktlistor från projektparterna vid projektstart",
    "Anmälan till aktivitet",
    "Visitkort från nätverksträff",
)
NEWSLETTER_PURPOSE = "Nyhetsbrev"
NEWSLETTER_SOURCES = ("Anmälan via webbformulär", "Anmälan vid aktivitet")
WITHDRAWAL_SOURCE = "Avregistrering via länk i nyhetsbrevet"

ORGANISER = "Logistikkluster Östergötland"
