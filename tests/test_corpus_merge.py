"""Two made-up articles on one event and one tie: the loader keeps what each says."""

import pytest
import yaml

from actors.models import Relationship
from corpus.loader import CorpusError, load_corpus
from events.models import Incident

FIRST = "The Taliban freed prisoners in Afghanistan. The Taliban shelter the TTP with money."
SECOND = "Fighters were released from a Kabul prison. The Taliban give the TTP shelter and medical care."


def article(slug, text, place, attested, support, quote, **tie):
    return {
        "source": {"slug": slug, "title": slug, "kind": "news", "published": attested},
        "actors": [
            {"slug": "afghan-taliban", "name": "Taliban", "kind": "armed_group", "cite": ["Taliban"]},
            {"slug": "ttp", "name": "TTP", "kind": "armed_group", "cite": ["TTP"]},
        ],
        "relationships": [
            {"subject": "afghan-taliban", "kind": "supports", "object": "ttp", "attested": attested, "support": support}
            | tie
            | {"cite": [quote]}
        ],
        "incidents": [
            {
                "slug": "release",
                "title": "Release",
                "kind": "release",
                "date": "2021",
                "place": place,
                "cite": [text.split(".")[0]],
            }
        ],
    }


def write(directory, *articles):
    (directory / "articles").mkdir()
    (directory / "texts").mkdir()
    places = [
        {
            "slug": "afghanistan",
            "name": "Afghanistan",
            "kind": "country",
            "cite": [{"source": "a", "quote": "Afghanistan"}],
        },
        {
            "slug": "kabul",
            "name": "Kabul",
            "kind": "place",
            "parent": "afghanistan",
            "cite": [{"source": "b", "quote": "Kabul"}],
        },
    ]
    (directory / "gazetteer.yaml").write_text(yaml.safe_dump({"places": places}))
    for text, data in articles:
        slug = data["source"]["slug"]
        (directory / "texts" / f"{slug}.txt").write_text(text)
        (directory / "articles" / f"{slug}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return directory


@pytest.fixture
def two_articles(tmp_path):
    return write(
        tmp_path,
        (
            FIRST,
            article("a", FIRST, "afghanistan", "2021", ["shelter", "money"], "The Taliban shelter the TTP with money"),
        ),
        (
            SECOND,
            article(
                "b",
                SECOND,
                "kabul",
                "2023",
                ["shelter", "medical"],
                "The Taliban give the TTP shelter and medical care",
            ),
        ),
    )


def test_the_incident_takes_the_place_inside_the_other(db, two_articles):
    load_corpus(two_articles)
    assert Incident.objects.get(slug="release").place.slug == "kabul"


def test_the_tie_is_one_record_with_each_articles_attestation(db, two_articles):
    load_corpus(two_articles)
    tie = Relationship.objects.get()
    assert tie.slug == "afghan-taliban-supports-ttp"
    assert {(a.source.slug, a.attested, a.support) for a in tie.attestations.all()} == {
        ("a", "2021", "shelter, money"),
        ("b", "2023", "shelter, medical"),
    }
    assert (tie.support, tie.attested) == ("shelter, money, medical", "2021/2023")
    assert {citation.quote for citation in tie.attestations.get(source__slug="b").citations} == {
        "The Taliban give the TTP shelter and medical care"
    }


def test_reloading_writes_no_new_version(db, two_articles):
    load_corpus(two_articles)
    versions = Relationship.history.count(), Incident.history.count()
    load_corpus(two_articles)
    assert (Relationship.history.count(), Incident.history.count()) == versions


def test_sources_of_periods_that_do_not_meet_stop_the_load_unless_slugged_apart(db, tmp_path):
    ended = article("a", FIRST, "afghanistan", "2021", [], "The Taliban shelter the TTP with money", end="2001")
    begun = article("b", SECOND, "kabul", "2023", [], "The Taliban give the TTP shelter and medical care", start="2021")
    directory = write(tmp_path, (FIRST, ended), (SECOND, begun))
    with pytest.raises(CorpusError, match="ends"):
        load_corpus(directory)
    ended["relationships"][0]["slug"] = "afghan-taliban-supports-ttp-until-2001"
    (directory / "articles" / "a.yaml").write_text(yaml.safe_dump(ended, allow_unicode=True))
    load_corpus(directory)
    assert Relationship.objects.count() == 2
