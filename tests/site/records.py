"""A small, fully cited world for the site's tests: actors whose ties change over the years,
incidents of every date precision, a crossing that closes and reopens, and two sources."""

from actors.models import Actor, Alias, Relationship, RelationshipAttestation
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import Citation, Reference, Source

TEXT = """Between Kabul and Islamabad

Jamaat-ul-Ahrar (JuA), a splinter group of the TTP claimed responsibility for the suicide blast in Peshawar.
The TTP denied any role in the mosque attack. More than 100 men were killed, most of them policemen.
Since the Taliban takeover in August 2021 the Afghan Taliban have given the TTP shelter and money.
Noor Wali Mehsud has led the TTP since June 2018.
Pakistan closed the Torkham crossing on 20 February 2023 and reopened it five days later.
In December 2014 the TTP attacked the Army Public School in Peshawar.
"""


def place(slug, name, kind, parent=None, latitude=None, longitude=None):
    precision = Place.Precision.SETTLEMENT if latitude is not None else ""
    return Place.objects.create(
        slug=slug, name=name, kind=kind, parent=parent, latitude=latitude, longitude=longitude, precision=precision
    )


def incident(slug, title, kind, date, place=None, crossing=None, roles=(), quote=None, source=None):
    record = Incident.objects.create(slug=slug, title=title, kind=kind, date=date, place=place, crossing=crossing)
    for actor, role in roles:
        Involvement.objects.create(incident=record, actor=actor, role=role)
    if quote:
        Citation.objects.create(source=source, quote=quote, record=record)
    return record


def build_site_records():
    source = Source.objects.create(
        slug="between-kabul-and-islamabad",
        title="Between Kabul and Islamabad",
        kind=Source.Kind.ANALYSIS,
        publisher="RIEAS",
        author="Shaul Shay",
        published="2023-03-12",
        text=TEXT,
    )
    voa = Source.objects.create(
        slug="voa-death-toll",
        title="Death Toll from Mosque Bombing Rises to 100",
        publisher="VOA",
        published="2023-01-31",
    )
    Reference.objects.create(citing=source, cited=voa, note="10")

    pakistan_place = place("pakistan", "Pakistan", Place.Kind.COUNTRY)
    afghanistan_place = place("afghanistan", "Afghanistan", Place.Kind.COUNTRY)
    kp = place("khyber-pakhtunkhwa", "Khyber Pakhtunkhwa", Place.Kind.PROVINCE, pakistan_place)
    nangarhar = place("nangarhar", "Nangarhar", Place.Kind.PROVINCE, afghanistan_place)
    peshawar = place("peshawar", "Peshawar", Place.Kind.PLACE, kp, 34.01, 71.58)
    torkham_place = place("torkham", "Torkham", Place.Kind.PLACE, kp, 34.1, 71.09)
    khost = place("khost", "Khost", Place.Kind.PROVINCE, afghanistan_place, 33.34, 69.92)
    torkham = Crossing.objects.create(
        slug="torkham", name="Torkham", place=torkham_place, pakistan_province=kp, afghanistan_province=nangarhar
    )

    ttp = Actor.objects.create(slug="ttp", name="Tehreek-e-Taliban Pakistan", kind=Actor.Kind.ARMED_GROUP)
    Alias.objects.create(actor=ttp, name="TTP")
    Alias.objects.create(actor=ttp, name="Pakistani Taliban")
    jua = Actor.objects.create(slug="jamaat-ul-ahrar", name="Jamaat-ul-Ahrar", kind=Actor.Kind.ARMED_GROUP)
    taliban = Actor.objects.create(slug="afghan-taliban", name="Afghan Taliban", kind=Actor.Kind.ARMED_GROUP)
    pakistan = Actor.objects.create(slug="pakistan", name="Pakistan", kind=Actor.Kind.STATE)
    mehsud = Actor.objects.create(slug="noor-wali-mehsud", name="Noor Wali Mehsud", kind=Actor.Kind.PERSON)

    ties = [
        (
            "jua-splinter-of-ttp",
            jua,
            Relationship.Kind.SPLINTER_OF,
            ttp,
            {"start": "2014-08", "end": "2020-08"},
            "a splinter group of the TTP",
        ),
        (
            "taliban-supports-ttp",
            taliban,
            Relationship.Kind.SUPPORTS,
            ttp,
            {"start": "2021-08", "support": "shelter, money"},
            "the Afghan Taliban have given the TTP shelter and money",
        ),
        (
            "mehsud-leads-ttp",
            mehsud,
            Relationship.Kind.LEADS,
            ttp,
            {"start": "2018-06"},
            "Noor Wali Mehsud has led the TTP",
        ),
        ("ttp-hostile-to-pakistan", ttp, Relationship.Kind.HOSTILE_TO, pakistan, {"attested": "2023-03"}, None),
    ]
    for slug, subject, kind, object_, dates, quote in ties:
        tie = Relationship.objects.create(slug=slug, subject=subject, kind=kind, object=object_, **dates)
        if quote:  # as the loader records a source's word for a tie: its quote and the dates it supports
            Citation.objects.create(source=source, quote=quote, record=tie)
            RelationshipAttestation.objects.create(relationship=tie, source=source, **dates)
    Citation.objects.create(source=source, quote="The TTP denied any role", record=ttp)

    bombing = incident(
        "2023-01-30-peshawar-mosque-bombing",
        "Peshawar mosque bombing",
        Incident.Kind.SUICIDE_BOMBING,
        "2023-01-30",
        place=peshawar,
        roles=[(jua, Involvement.Role.CLAIMED), (ttp, Involvement.Role.DENIED)],
        quote="claimed responsibility for the suicide blast in Peshawar",
        source=source,
    )
    denial = bombing.involvements.get(actor=ttp)
    Citation.objects.create(source=source, quote="The TTP denied any role in the mosque attack", record=denial)
    toll = TollFigure.objects.create(
        incident=bombing, source=source, measure="killed", low=101, as_printed="More than 100"
    )
    Citation.objects.create(source=source, quote="More than 100 men were killed", record=toll)
    TollFigure.objects.create(incident=bombing, source=voa, measure="killed", low=100, high=100, as_printed="100")
    bombing.update_tolls()

    incident(
        "2023-03-chitral-attack",
        "TTP attack in Chitral",
        Incident.Kind.ARMED_ATTACK,
        "2023-03",
        roles=[(ttp, Involvement.Role.PERPETRATOR)],
    )
    incident(
        "2022-04-khost-air-strikes",
        "Air strikes in Khost",
        Incident.Kind.AIR_STRIKE,
        "2022-04",
        place=khost,
        roles=[(pakistan, Involvement.Role.ACCUSED)],
    )
    incident(
        "2022-ttp-attacks",
        "TTP attacks through the year",
        Incident.Kind.ARMED_ATTACK,
        "2022",
        place=kp,
        roles=[(ttp, Involvement.Role.PERPETRATOR)],
    )
    incident(
        "2021-09-ttp-statement",
        "TTP statement after the takeover",
        Incident.Kind.STATEMENT,
        "2021-09~",
        roles=[(ttp, Involvement.Role.PARTICIPANT)],
    )
    incident(
        "2014-12-16-army-public-school-attack",
        "Army Public School attack",
        Incident.Kind.ARMED_ATTACK,
        "2014-12-16",
        place=peshawar,
        roles=[(ttp, Involvement.Role.CLAIMED)],
        quote="In December 2014 the TTP attacked the Army Public School in Peshawar",
        source=source,
    )
    incident(
        "2023-02-20-torkham-closure",
        "Torkham closed",
        Incident.Kind.BORDER_CLOSURE,
        "2023-02-20",
        place=torkham_place,
        crossing=torkham,
        roles=[(pakistan, Involvement.Role.PERPETRATOR)],
        quote="Pakistan closed the Torkham crossing on 20 February 2023",
        source=source,
    )
    incident(
        "2023-02-25-torkham-reopening",
        "Torkham reopened",
        Incident.Kind.BORDER_REOPENING,
        "2023-02-25",
        place=torkham_place,
        crossing=torkham,
        roles=[(pakistan, Involvement.Role.PERPETRATOR)],
        quote="reopened it five days later",
        source=source,
    )
    return {"source": source, "voa": voa, "ttp": ttp, "jua": jua, "bombing": bombing, "torkham": torkham}
