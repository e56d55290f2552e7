"""A relationship is one record per pair, kind and period; each source attests it with its own dates."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actors.models import Actor, Relationship, RelationshipAttestation
from sources.models import Citation, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def pakistan(db):
    return Actor.objects.create(slug="pakistan", name="Pakistan", kind=Actor.Kind.STATE)


@pytest.fixture
def later(db):
    return Source.objects.create(slug="later", title="A later article", published="2023-08", text="the TTP said")


@pytest.fixture
def hostility(ttp, pakistan):
    return Relationship.objects.create(
        slug="ttp-hostile-to-pakistan", subject=ttp, kind=Relationship.Kind.HOSTILE_TO, object=pakistan
    )


def attest(relationship, source, **fields):
    return RelationshipAttestation.objects.create(relationship=relationship, source=source, **fields)


def test_the_record_spans_every_sources_dates_and_adds_up_their_support(hostility, source, later):
    attest(hostility, source, start="2007", attested="2023-03-12", support="shelter")
    attest(hostility, later, attested="2023-08", support="shelter, medical")
    hostility.refresh_from_db()
    assert (hostility.start, hostility.end, hostility.attested) == ("2007", "", "2023-03-12/2023-08")
    assert hostility.support == "shelter, medical"
    assert (hostility.valid_from.isoformat(), hostility.valid_until) == ("2007-01-01", None)


def test_one_strained_source_makes_the_tie_strained(hostility, source, later):
    attest(hostility, source, attested="2023")
    attest(hostility, later, attested="2023", status=Relationship.Status.STRAINED)
    hostility.refresh_from_db()
    assert hostility.status == Relationship.Status.STRAINED


def test_each_attestation_carries_its_sources_quotes_only(hostility, source, later):
    first, second = attest(hostility, source, attested="2023"), attest(hostility, later, attested="2023-08")
    Citation.objects.create(source=source, quote="Kabul and Islamabad", record=hostility)
    Citation.objects.create(source=later, quote="the TTP said", record=hostility)
    assert [citation.quote for citation in first.citations] == ["Kabul and Islamabad"]
    assert [citation.quote for citation in second.citations] == ["the TTP said"]


def test_a_source_attests_a_relationship_once(hostility, source):
    attest(hostility, source, attested="2023")
    with pytest.raises(IntegrityError):
        attest(hostility, source, attested="2022")


def test_sources_of_periods_that_do_not_meet_cannot_share_a_record(hostility, source, later):
    attest(hostility, source, end="2001")
    with pytest.raises(ValidationError):
        attest(hostility, later, start="2021-08")


def test_deleting_an_attestation_narrows_the_record(hostility, source, later):
    attest(hostility, source, attested="2014")
    attest(hostility, later, attested="2023").delete()
    hostility.refresh_from_db()
    assert hostility.attested == "2014"


def test_merging_actors_moves_the_attestations_to_the_surviving_record(ttp, pakistan, source, later):
    duplicate = Actor.objects.create(slug="ttp-2", name="TTP", kind=Actor.Kind.ARMED_GROUP)
    kept = Relationship.objects.create(slug="kept", subject=ttp, kind="hostile_to", object=pakistan)
    dropped = Relationship.objects.create(slug="dropped", subject=duplicate, kind="hostile_to", object=pakistan)
    attest(kept, source, attested="2023", support="")
    attest(dropped, source, attested="2023", note="from the duplicate")
    attest(dropped, later, attested="2023-08")

    duplicate.merge_into(ttp)

    kept.refresh_from_db()
    assert sorted(kept.attestations.values_list("source__slug", "note")) == [
        ("between", "from the duplicate"),
        ("later", ""),
    ]
    assert kept.attested == "2023"  # August 2023 lies inside it


def test_of_two_starts_where_one_lies_inside_the_other_the_narrower_is_kept(hostility, source, later):
    attest(hostility, source, start="2021-08")
    attest(hostility, later, start="2021")
    hostility.refresh_from_db()
    assert hostility.start == "2021-08"
