"""The corpus linter, one rule at a time, on small made-up article files."""

from django.conf import settings

from corpus.lint import Finding, apply_exceptions, lint, lint_directory


def article(**sections):
    return ("made-up.yaml", {"source": {"slug": "made-up", "published": "2023-03-12"}, **sections})


def rules(*articles):
    return [(finding.rule, finding.record) for finding in lint(list(articles))]


ACTORS = [{"slug": "ttp", "name": "Tehreek-e-Taliban Pakistan", "aliases": ["TTP"], "cite": ["the TTP"]}]


def test_a_quote_with_reporting_words_needs_a_speaker():
    said = article(actors=[{"slug": "ttp", "name": "TTP", "cite": ["the TTP said it was waging war"]}])
    assert rules(said) == [("unattributed-quote", "actor ttp: the TTP said it was waging war")]


def test_quotation_marks_count_as_reporting_words():
    marks = article(actors=[{"slug": "ttp", "name": "TTP", "cite": ["a “sacred war” against the military"]}])
    assert [rule for rule, _ in rules(marks)] == ["unattributed-quote"]


def test_a_quote_with_its_speaker_or_without_reporting_words_passes():
    spoken = {"quote": "the TTP said it was waging war", "speaker": "the TTP"}
    plain = article(actors=[{"slug": "ttp", "name": "TTP", "cite": [spoken, "the TTP attacked a post"]}])
    assert rules(plain) == []


def incident(role_cite, role="perpetrator", date="2023-01", quote="In January an attack killed ten"):
    return {
        "slug": "attack",
        "date": date,
        "cite": [quote],
        "involvements": [{"actor": "ttp", "role": role, "cite": role_cite}],
    }


def test_a_perpetrator_needs_a_quote_naming_the_actor_by_name_or_alias():
    unnamed = article(actors=ACTORS, incidents=[incident(["gunmen stormed a guesthouse"])])
    assert rules(unnamed) == [("perpetrator-without-doer", "involvement attack ttp perpetrator")]
    named = article(actors=ACTORS, incidents=[incident(["the TTP stormed a guesthouse"])])
    assert rules(named) == []


def test_other_roles_need_not_name_the_actor():
    claimed = article(actors=ACTORS, incidents=[incident(["gunmen stormed a guesthouse"], role="target")])
    assert rules(claimed) == []


def test_a_date_may_not_be_finer_than_its_quotes():
    day = article(actors=ACTORS, incidents=[incident(["the TTP did it"], date="2023-01-30")])
    assert rules(day) == [("date-finer-than-quotes", "incident attack")]
    printed = article(
        actors=ACTORS, incidents=[incident(["the TTP did it"], date="2023-01-30", quote="On January 30, it struck")]
    )
    assert rules(printed) == []


def test_a_relative_date_is_no_finer_than_the_article_date():
    spring = ("spring.yaml", {"source": {"slug": "spring", "published": "2014-21"}})
    week = {**incident(["the TTP did it"], date="2014-03", quote="an attack last week"), "slug": "week"}
    spring[1]["actors"], spring[1]["incidents"] = ACTORS, [week]
    assert rules(spring) == [("date-finer-than-quotes", "incident week")]


def test_a_date_without_a_dated_quote_is_no_finer_than_the_article():
    tie = {"subject": "ttp", "kind": "hostile_to", "object": "pakistan", "attested": "2023-03", "cite": ["x"]}
    undated = ("undated.yaml", {"source": {"slug": "undated", "published": "2023"}, "relationships": [tie]})
    assert rules(undated) == [("date-finer-than-quotes", "relationship ttp-hostile_to-pakistan")]
    undated[1]["relationships"] = [{**tie, "attested": "2023"}]
    assert rules(undated) == []


def test_one_pair_and_kind_in_several_rows_with_overlapping_periods_is_a_finding():
    first = {"slug": "a", "subject": "ttp", "kind": "hostile_to", "object": "pakistan", "start": "2007", "cite": ["x"]}
    second = {**first, "slug": "b", "start": "", "attested": "2023"}
    split = rules(article(relationships=[first]), article(relationships=[second]))
    assert split == [("split-relationship", "relationship ttp-hostile_to-pakistan")]


def test_rows_of_one_pair_for_different_periods_or_offices_pass():
    office = {"subject": "asif", "kind": "holds_office", "object": "pakistan", "office": "defence minister"}
    then = {**office, "slug": "then", "attested": "2014", "cite": ["x 2014"]}
    now = {**office, "slug": "now", "attested": "2023", "cite": ["x 2023"]}
    other = {**office, "office": "foreign minister", "attested": "2014", "cite": ["x 2014"]}
    assert rules(article(relationships=[then, now, other])) == []


def test_one_row_whose_sources_describe_periods_that_do_not_meet_is_a_finding():
    then = {"subject": "taliban", "kind": "governs", "object": "afghanistan", "end": "2001", "cite": ["x 2001"]}
    now = {**then, "end": "", "start": "2021-08", "cite": ["x August 2021"]}
    assert rules(article(relationships=[then]), article(relationships=[now])) == [
        ("merged-periods", "relationship taliban-governs-afghanistan")
    ]
    attested = [{**then, "end": "", "attested": year, "cite": [f"x {year}"]} for year in ("2014", "2023")]
    assert rules(article(relationships=attested[:1]), article(relationships=attested[1:])) == []


def test_an_exception_needs_a_reason_and_must_still_match():
    finding = Finding("unattributed-quote", "a.yaml", "actor ttp: “x”", "reports words")
    listed = {"rule": finding.rule, "record": finding.record, "reason": "scare quotes"}
    assert apply_exceptions([finding], [listed]) == []
    stale = apply_exceptions([], [listed])
    assert [f.message for f in stale] == ["an exception that matches no finding"]
    unreasoned = apply_exceptions([finding], [{**listed, "reason": ""}])
    assert [f.message for f in unreasoned] == ["reports words", "gives no reason"]


def test_the_shipped_corpus_passes_the_lint():
    assert [str(finding) for finding in lint_directory(settings.CORPUS_DIR)] == []
