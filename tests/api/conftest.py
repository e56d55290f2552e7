"""A small world of records for the API tests: two countries down to towns, the Torkham crossing,
the TTP and its offshoots, cross-border strikes, a bombing with disputed tolls, closures and a
ceasefire, each cited from one of two sources."""

from types import SimpleNamespace

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.test import APIClient

from actors.models import Actor, Alias, Relationship
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import Citation, Reference, Source

DAWN_TEXT = """Pakistani jets struck hideouts in Khost and Kunar, killing 47 people, the Taliban said.
The Pakistani Taliban, also called the TTP, announced a ceasefire in June 2022.
The TTP ended the ceasefire on 28 November 2022 and ordered attacks across the country.
Torkham was closed on 19 February 2023 after an exchange of fire and reopened on 25 February.
Jamaat-ul-Ahrar, a splinter group of the TTP, claimed the bombing; the TTP denied any role.
More than 100 people were killed in the Peshawar mosque bombing.
"""

REPORT_TEXT = """The death toll from the mosque bombing rose to 84, police said.
Commander Umar Khalid is a member of Jamaat-ul-Ahrar.
Talks between the government and the TTP ran from December 2021 into January 2022.
"""


def place(slug, kind, parent=None, latitude=None, longitude=None, precision=""):
    return Place.objects.create(
        slug=slug,
        name=slug.replace("-", " ").title(),
        kind=kind,
        parent=parent,
        latitude=latitude,
        longitude=longitude,
        precision=precision,
    )


def cite(record, source, quote, speaker=""):
    Citation.objects.create(record=record, source=source, quote=quote, speaker=speaker)


def incident(slug, kind, date, source, quote, place=None, crossing=None, title=None, summary=""):
    record = Incident.objects.create(
        slug=slug,
        title=title or slug.replace("-", " "),
        kind=kind,
        date=date,
        place=place,
        crossing=crossing,
        summary=summary,
    )
    cite(record, source, quote)
    return record


def involve(incident, actor, role, source, quote, accused_by=None):
    involvement = Involvement.objects.create(incident=incident, actor=actor, role=role, accused_by=accused_by)
    cite(involvement, source, quote)
    return involvement


def toll(incident, source, low, high, as_printed):
    TollFigure.objects.create(
        incident=incident, source=source, measure=TollFigure.Measure.KILLED, low=low, high=high, as_printed=as_printed
    )
    incident.update_tolls()


@pytest.fixture
def world(db):
    dawn = Source.objects.create(
        slug="dawn-2023", title="Dawn on the TTP", publisher="Dawn", published="2023-03", text=DAWN_TEXT
    )
    report = Source.objects.create(
        slug="police-report", title="Police report", kind=Source.Kind.REPORT, published="2023", text=REPORT_TEXT
    )
    Reference.objects.create(citing=dawn, cited=report, note="3")

    pakistan = place("pakistan", Place.Kind.COUNTRY, latitude=30.38, longitude=69.35, precision="country")
    kp = place("khyber-pakhtunkhwa", Place.Kind.PROVINCE, pakistan)
    khyber = place("khyber", Place.Kind.DISTRICT, kp, 34.1, 71.1, "district")
    peshawar = place("peshawar", Place.Kind.PLACE, kp, 34.01, 71.58, "settlement")
    bannu = place("bannu", Place.Kind.DISTRICT, kp)
    afghanistan = place("afghanistan", Place.Kind.COUNTRY)
    khost = place("khost", Place.Kind.PROVINCE, afghanistan, 33.33, 69.92, "province")
    kunar = place("kunar", Place.Kind.PROVINCE, afghanistan)
    nangarhar = place("nangarhar", Place.Kind.PROVINCE, afghanistan)
    torkham_town = place("torkham", Place.Kind.PLACE, nangarhar, 34.12, 71.09, "settlement")
    torkham = Crossing.objects.create(
        slug="torkham", name="Torkham", place=torkham_town, pakistan_district=khyber, afghanistan_province=nangarhar
    )
    cite(torkham, dawn, "Torkham was closed")

    ttp = Actor.objects.create(slug="ttp", name="Tehreek-e-Taliban Pakistan", kind=Actor.Kind.ARMED_GROUP)
    Alias.objects.create(actor=ttp, name="Pakistani Taliban")
    Alias.objects.create(actor=ttp, name="TTP")
    cite(ttp, dawn, "The Pakistani Taliban, also called the TTP")
    jua = Actor.objects.create(slug="jamaat-ul-ahrar", name="Jamaat-ul-Ahrar", kind=Actor.Kind.ARMED_GROUP)
    khalid = Actor.objects.create(slug="umar-khalid", name="Umar Khalid", kind=Actor.Kind.PERSON)
    army = Actor.objects.create(slug="pakistan-military", name="Pakistani military", kind=Actor.Kind.STATE_INSTITUTION)
    taliban = Actor.objects.create(slug="afghan-taliban", name="Afghan Taliban", kind=Actor.Kind.GOVERNMENT)
    government = Actor.objects.create(slug="pakistan-government", name="Government of Pakistan", kind="government")
    splinter = Relationship.objects.create(
        slug="jua-splinter-of-ttp", subject=jua, kind=Relationship.Kind.SPLINTER_OF, object=ttp, attested="2023-03"
    )
    cite(splinter, dawn, "Jamaat-ul-Ahrar, a splinter group of the TTP")
    member = Relationship.objects.create(
        slug="umar-khalid-member-of-jua", subject=khalid, kind=Relationship.Kind.MEMBER_OF, object=jua, attested="2023"
    )
    cite(member, report, "Commander Umar Khalid is a member of Jamaat-ul-Ahrar.")
    hostile = Relationship.objects.create(
        slug="ttp-hostile-to-pakistan-military",
        subject=ttp,
        kind=Relationship.Kind.HOSTILE_TO,
        object=army,
        start="2007",
    )
    cite(hostile, dawn, "ordered attacks across the country")

    talks = incident(
        "2021-12-talks", Incident.Kind.TALKS, "2021-12/2022-01", report, "Talks between the government and the TTP"
    )
    involve(talks, ttp, Involvement.Role.PARTICIPANT, report, "Talks between the government and the TTP")
    involve(talks, government, Involvement.Role.PARTICIPANT, report, "Talks between the government and the TTP")
    strike = incident(
        "2022-04-16-khost-air-strike",
        Incident.Kind.AIR_STRIKE,
        "2022-04-16",
        dawn,
        "Pakistani jets struck hideouts in Khost and Kunar",
        place=khost,
        title="Pakistani air strikes in Khost",
        summary="Jets struck hideouts across the border.",
    )
    involve(strike, army, Involvement.Role.ACCUSED, dawn, "Pakistani jets struck hideouts", accused_by=taliban)
    involve(strike, ttp, Involvement.Role.TARGET, dawn, "Pakistani jets struck hideouts")
    toll(strike, dawn, 47, 47, "47")
    kunar_strike = incident(
        "2022-04-kunar-air-strike",
        Incident.Kind.AIR_STRIKE,
        "2022-04",
        dawn,
        "Pakistani jets struck hideouts in Khost and Kunar",
        place=kunar,
        title="Pakistani air strikes in Kunar",
    )
    involve(kunar_strike, army, Involvement.Role.ACCUSED, dawn, "Pakistani jets struck hideouts", accused_by=taliban)
    ceasefire = incident(
        "2022-06-ttp-ceasefire", Incident.Kind.CEASEFIRE, "2022-06", dawn, "announced a ceasefire in June 2022"
    )
    involve(ceasefire, ttp, Involvement.Role.PARTICIPANT, dawn, "announced a ceasefire")
    ceasefire_end = incident(
        "2022-11-28-ttp-ceasefire-end",
        Incident.Kind.CEASEFIRE_END,
        "2022-11-28",
        dawn,
        "The TTP ended the ceasefire on 28 November 2022",
    )
    involve(ceasefire_end, ttp, Involvement.Role.PERPETRATOR, dawn, "The TTP ended the ceasefire")
    bombing = incident(
        "2023-01-30-peshawar-mosque-bombing",
        Incident.Kind.SUICIDE_BOMBING,
        "2023-01-30",
        dawn,
        "the Peshawar mosque bombing",
        place=peshawar,
        title="Peshawar mosque bombing",
        summary="A suicide bomber struck a mosque inside the police lines.",
    )
    involve(bombing, jua, Involvement.Role.CLAIMED, dawn, "Jamaat-ul-Ahrar, a splinter group of the TTP, claimed")
    involve(bombing, ttp, Involvement.Role.DENIED, dawn, "the TTP denied any role")
    toll(bombing, dawn, 101, None, "more than 100")
    toll(bombing, report, 84, 84, "84")
    closure = incident(
        "2023-02-19-torkham-closure",
        Incident.Kind.BORDER_CLOSURE,
        "2023-02-19",
        dawn,
        "Torkham was closed on 19 February 2023",
        crossing=torkham,
    )
    reopening = incident(
        "2023-02-25-torkham-reopening",
        Incident.Kind.BORDER_REOPENING,
        "2023-02-25",
        dawn,
        "reopened on 25 February",
        crossing=torkham,
    )
    return SimpleNamespace(
        dawn=dawn,
        report=report,
        pakistan=pakistan,
        kp=kp,
        khyber=khyber,
        peshawar=peshawar,
        bannu=bannu,
        afghanistan=afghanistan,
        khost=khost,
        kunar=kunar,
        nangarhar=nangarhar,
        torkham_town=torkham_town,
        torkham=torkham,
        ttp=ttp,
        jua=jua,
        khalid=khalid,
        army=army,
        taliban=taliban,
        government=government,
        splinter=splinter,
        member=member,
        hostile=hostile,
        talks=talks,
        strike=strike,
        kunar_strike=kunar_strike,
        ceasefire=ceasefire,
        ceasefire_end=ceasefire_end,
        bombing=bombing,
        closure=closure,
        reopening=reopening,
    )


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def connections_kept_open():
    """The start and end of a request must not close the test's database connection (and so its
    transaction), as Django's own test client makes sure; schemathesis and httpx call the WSGI
    application directly."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
