"""Merging loses nothing: what was reachable from the two records (citations, roles, each source's
attributes, notes) is reachable from the merged one."""

import pytest

from actors.models import Actor, Relationship
from corpus.loader import load_corpus
from events.models import Incident, Involvement, TollFigure
from sources.models import Citation, Source

from .admin_forms import admin_url

pytestmark = pytest.mark.django_db

TEXT = "Pakistan gave the TTP money. Iran gave the TTP fighters and shelter. Strains grew. Six died. Ten died."


@pytest.fixture
def article(db):
    return Source.objects.create(slug="article", title="Article", text=TEXT)


def quotes(*records):
    return {citation.quote for record in records for citation in Citation.objects.for_record(record)}


def supports(subject, target, support, quote, article, note="", slug=None):
    tie = Relationship.objects.create(
        slug=slug or f"{subject.slug}-{support[:5]}",
        subject=subject,
        kind="supports",
        object=target,
        support=support,
        note=note,
    )
    Citation.objects.create(source=article, quote=quote, record=tie)
    return tie


def test_merging_two_records_of_one_tie_keeps_each_sources_support_kinds_notes_and_citations(article, ttp, jua):
    first = supports(jua, ttp, "money", "gave the TTP money", article, note="Says Pakistan.")
    second = supports(jua, ttp, "fighters, shelter", "gave the TTP fighters and shelter", article, note="Says Iran.")
    second.status = Relationship.Status.STRAINED
    second.save()
    before = quotes(first, second)

    second.merge_into(first)

    first.refresh_from_db()
    assert first.support_kinds == ["money", "fighters", "shelter"]
    assert first.note == "Says Pakistan.\nSays Iran."
    assert first.status == Relationship.Status.STRAINED
    assert quotes(first) == before
    assert not Relationship.objects.filter(pk=second.pk).exists()


def test_merging_two_actors_keeps_the_support_kinds_of_both_ties(article, ttp, jua):
    twin = Actor.objects.create(slug="jua-twin", name="JuA", kind=Actor.Kind.ARMED_GROUP)
    supports(jua, ttp, "money", "gave the TTP money", article, slug="a")
    supports(twin, ttp, "fighters", "gave the TTP fighters and shelter", article, slug="b")
    before = quotes(*Relationship.objects.all())

    twin.merge_into(jua)

    tie = Relationship.objects.get()
    assert (tie.subject, tie.support_kinds) == (jua, ["money", "fighters"])
    assert quotes(tie) == before


def reachable(incident):
    roles = {(role.actor.slug, role.role, role.note) for role in incident.involvements.all()}
    figures = {(figure.source.slug, figure.as_printed) for figure in incident.toll_figures.all()}
    cited = quotes(incident, *incident.involvements.all(), *incident.toll_figures.all())
    return roles, figures, cited


def test_an_admin_action_merges_two_incidents_that_are_one_event(admin_client, article, source, ttp, jua):
    older = Incident.objects.create(slug="a", title="Bombing", kind="bombing", date="2023-01", summary="One.")
    newer = Incident.objects.create(slug="b", title="Bombing again", kind="bombing", date="2023-01-30", summary="Two.")
    for incident, quote, note in ((older, "Six died.", "per A"), (newer, "Ten died.", "per B")):
        Citation.objects.create(source=article, quote=quote, record=incident)
        role = Involvement.objects.create(incident=incident, actor=ttp, role="claimed", note=note)
        Citation.objects.create(source=article, quote="Strains grew.", record=role)
    TollFigure.objects.create(incident=older, source=article, measure="killed", low=6, high=6, as_printed="Six")
    figure = TollFigure.objects.create(
        incident=newer, source=source, measure="killed", low=10, high=10, as_printed="Ten"
    )
    Citation.objects.create(source=article, quote="Ten died.", record=figure)
    roles_a, figures_a, cited_a = reachable(older)
    roles_b, figures_b, cited_b = reachable(newer)

    response = admin_client.post(
        admin_url(Incident, "changelist"), {"action": "merge_incidents", "_selected_action": [older.pk, newer.pk]}
    )

    assert response.status_code == 302
    merged = Incident.objects.get()
    roles, figures, cited = reachable(merged)
    assert roles == {("ttp", "claimed", "per A\nper B")}
    assert figures == figures_a | figures_b
    assert cited == cited_a | cited_b
    assert (merged.date, merged.summary, merged.killed_min, merged.killed_max) == ("2023-01-30", "One.\nTwo.", 6, 10)
    assert merged.history.latest().history_change_reason.startswith("Merged incident")


def test_the_admin_action_wants_exactly_two_incidents(admin_client):
    incident = Incident.objects.create(slug="a", title="Bombing", kind="bombing", date="2023-01")
    admin_client.post(
        admin_url(Incident, "changelist"), {"action": "merge_incidents", "_selected_action": [incident.pk]}
    )
    assert Incident.objects.filter(pk=incident.pk).exists()


ARTICLE = """source:
  slug: {slug}
  title: {slug}
actors:
  - slug: ttp
    name: TTP
    kind: armed_group
    cite: ["the TTP"]
  - slug: {giver}
    name: {giver}
    kind: state
    cite: ["{giver}"]
relationships:
  - slug: giver-supports-ttp
    subject: {giver}
    kind: supports
    object: ttp
    support: {support}
    cite: ["{quote}"]
"""


def test_the_loader_adds_up_the_support_kinds_two_articles_give_one_tie(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "gazetteer.yaml").write_text("places: []\n")
    for slug, support, quote in (
        ("a", "[money]", "gave the TTP money"),
        ("b", "[fighters, shelter]", "gave the TTP fighters"),
    ):
        (tmp_path / "texts" / f"{slug}.txt").write_text(TEXT.replace("Pakistan", "giver").replace("Iran", "giver"))
        article = ARTICLE.format(slug=slug, giver="giver", support=support, quote=quote)
        (tmp_path / "articles" / f"{slug}.yaml").write_text(article)
    load_corpus(tmp_path)
    tie = Relationship.objects.get(slug="giver-supports-ttp")
    assert tie.support_kinds == ["money", "fighters", "shelter"]
    assert {citation.source.slug for citation in tie.citations.all()} == {"a", "b"}
