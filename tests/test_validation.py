"""The rules a researcher relies on, enforced in model validation with a message that says why."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actors.models import Relationship
from events.models import Incident, TollFigure
from sources.models import Citation


def messages(error):
    return " ".join(error.value.messages)


def test_an_incident_date_must_be_edtf(incident):
    incident.date = "last January"
    with pytest.raises(ValidationError) as error:
        incident.full_clean()
    assert "“last January” is not a valid EDTF date" in messages(error)


def test_an_incident_with_an_edtf_date_is_accepted_and_its_days_derived(incident):
    incident.date = "2023-01"
    incident.full_clean()
    incident.save()
    incident.refresh_from_db()
    assert (str(incident.date_earliest), str(incident.date_latest)) == ("2023-01-01", "2023-01-31")


def test_a_date_range_may_not_end_before_it_starts(incident):
    incident.date = "2023-05/2023-02"
    with pytest.raises(ValidationError) as error:
        incident.full_clean()
    assert "before it begins" in messages(error)


def test_a_toll_low_may_not_exceed_its_high(incident, source):
    figure = TollFigure(incident=incident, source=source, measure="killed", low=30, high=6, as_printed="six")
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "The low figure (30) is above the high figure (6)" in messages(error)


def test_a_toll_range_is_accepted_and_open_ended_figures_stay_open(incident, source):
    figure = TollFigure(
        incident=incident, source=source, measure="killed", low=101, high=None, as_printed="more than 100"
    )
    figure.full_clean()
    figure.save()
    incident.update_tolls()
    assert (incident.killed_min, incident.killed_max) == (101, None)


def test_the_database_also_refuses_a_reversed_toll(incident, source):
    with pytest.raises(IntegrityError):
        TollFigure.objects.create(incident=incident, source=source, measure="killed", low=9, high=1, as_printed="x")


def test_an_actor_cannot_be_related_to_itself(ttp):
    relationship = Relationship(slug="loop", subject=ttp, object=ttp, kind=Relationship.Kind.ALLY_OF)
    with pytest.raises(ValidationError) as error:
        relationship.full_clean()
    assert "An actor cannot be related to itself." in messages(error)


def test_a_relationship_cannot_end_before_it_starts(ttp, jua):
    relationship = Relationship(
        slug="r", subject=jua, object=ttp, kind=Relationship.Kind.ALLY_OF, start="2022-06", end="2021"
    )
    with pytest.raises(ValidationError) as error:
        relationship.full_clean()
    assert "ends (2021) before it starts (2022-06)" in messages(error)


def test_a_relationship_with_fuzzy_dates_in_order_is_accepted(ttp, jua):
    relationship = Relationship(
        slug="r", subject=jua, object=ttp, kind=Relationship.Kind.SPLINTER_OF, start="2014-08", end=""
    )
    relationship.full_clean()
    relationship.save()
    assert (str(relationship.valid_from), relationship.valid_until) == ("2014-08-01", None)


def test_a_quote_must_be_found_verbatim_in_its_source(source, ttp):
    citation = Citation(source=source, quote="a splinter group of the Haqqanis", record=ttp)
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "not found verbatim" in messages(error)


def test_a_quote_is_found_white_space_aside_and_its_position_recorded(source, ttp):
    citation = Citation(source=source, quote="it has carried out 29 attacks   in Pakistan", record=ttp)
    citation.full_clean()
    assert source.text[citation.start : citation.end].split() == "it has carried out 29 attacks in Pakistan".split()


def test_an_accusation_names_its_accuser_only_for_the_accused_role(incident, ttp, jua):
    from events.models import Involvement

    involvement = Involvement(incident=incident, actor=ttp, role=Involvement.Role.CLAIMED, accused_by=jua)
    with pytest.raises(ValidationError) as error:
        involvement.full_clean()
    assert "Only an “accused” role names who accuses." in messages(error)


def test_incidents_sort_by_earliest_day_without_pretending_a_month_is_its_first(db):
    Incident.objects.create(slug="a", title="April", kind="other", date="2022-04")
    Incident.objects.create(slug="b", title="Mid April", kind="other", date="2022-04-16")
    found = Incident.objects.may_overlap("2022-04-10", "2022-04-20")
    assert {incident.slug for incident in found} == {"a", "b"}
    assert list(Incident.objects.certainly_within("2022-04-10", "2022-04-20").values_list("slug", flat=True)) == ["b"]
