import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from actors.models import Actor, Alias, Relationship, RelationshipAttestation
from corpus.loader import load_corpus
from events.models import Crossing, Incident, Involvement, Place, TollFigure
from sources.models import Citation, Reference, Source

ARTICLE = """Between Kabul and Islamabad
The Pakistani Taliban (Tehreek-e-Taliban Pakistan - TTP) claimed that it has carried out
29 attacks in Pakistan in February 2023.
Jamaat-ul-Ahrar (JuA), a splinter group of the TTP claimed responsibility for the suicide blast in Peshawar.
"""


@pytest.fixture
def source(db):
    return Source.objects.create(
        slug="between", title="Between Kabul and Islamabad", published="2023-03-12", text=ARTICLE
    )


@pytest.fixture
def ttp(db):
    actor = Actor.objects.create(slug="ttp", name="Tehreek-e-Taliban Pakistan", kind=Actor.Kind.ARMED_GROUP)
    Alias.objects.create(actor=actor, name="Pakistani Taliban")
    return actor


@pytest.fixture
def jua(db):
    return Actor.objects.create(slug="jamaat-ul-ahrar", name="Jamaat-ul-Ahrar", kind=Actor.Kind.ARMED_GROUP)


@pytest.fixture
def peshawar(db):
    pakistan = Place.objects.create(slug="pakistan", name="Pakistan", kind=Place.Kind.COUNTRY)
    return Place.objects.create(
        slug="peshawar",
        name="Peshawar",
        kind=Place.Kind.PLACE,
        parent=pakistan,
        latitude=34.01,
        longitude=71.58,
        precision=Place.Precision.SETTLEMENT,
    )


@pytest.fixture
def incident(db, peshawar):
    return Incident.objects.create(
        slug="2023-01-30-peshawar-bombing",
        title="Peshawar mosque bombing",
        kind=Incident.Kind.SUICIDE_BOMBING,
        date="2023-01-30",
        place=peshawar,
    )


@pytest.fixture
def full_record_set(source, ttp, jua, incident, peshawar):
    """One row of every model, each cited: what the admin and API tests walk through."""
    cited = Source.objects.create(slug="voa", title="Death Toll from Mosque Bombing", publisher="VOA")
    Reference.objects.create(citing=source, cited=cited, note="10")
    relationship = Relationship.objects.create(
        slug="jua-splinter-of-ttp", subject=jua, kind=Relationship.Kind.SPLINTER_OF, object=ttp, attested="2023-03-12"
    )
    involvement = Involvement.objects.create(incident=incident, actor=jua, role=Involvement.Role.CLAIMED)
    toll = TollFigure.objects.create(
        incident=incident, source=source, measure="killed", low=101, as_printed="more than 100"
    )
    crossing = Crossing.objects.create(slug="torkham", name="Torkham", place=peshawar)
    quote = "a splinter group of the TTP"
    for record in (ttp, jua, relationship, incident, involvement, toll, crossing, peshawar):
        Citation.objects.create(source=source, quote=quote, record=record)
    return {
        "source": source,
        "cited": cited,
        "actor": ttp,
        "relationship": relationship,
        "incident": incident,
        "involvement": involvement,
        "toll": toll,
        "crossing": crossing,
        "place": peshawar,
        "alias": ttp.aliases.get(),
        "reference": source.references.get(),
        "citation": Citation.objects.filter(content_type=ContentType.objects.get_for_model(ttp)).first(),
    }


CORPUS_MODELS = [
    Citation,
    TollFigure,
    Involvement,
    Incident,
    RelationshipAttestation,
    Relationship,
    Alias,
    Actor,
    Crossing,
    Reference,
]


def clear_corpus():
    for model in CORPUS_MODELS:
        model.objects.all().delete()
    while Place.objects.exists():
        Place.objects.filter(children__isnull=True).delete()
    Source.objects.all().delete()
    for model in [*CORPUS_MODELS, Place, Source]:
        model.history.all().delete()


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus, loaded once for this module and removed afterwards."""
    with django_db_blocker.unblock():
        yield load_corpus(settings.CORPUS_DIR).counts
        clear_corpus()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached (the timeline's summaries, rate-limit counts)."""
    cache.clear()
