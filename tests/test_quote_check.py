"""A quote must be the source's own words: white space may differ, nothing else may."""

import pytest

from sources.models import Source

TEXT = "The Pakistani Taliban (TTP) claimed\n  the attack.  Police said 84 died [sic]."


@pytest.fixture
def source():
    return Source(slug="s", title="S", text=TEXT)


@pytest.mark.parametrize(
    ("quote", "position"),
    [
        ("The Pakistani Taliban", (0, 21)),
        ("claimed the attack.", (28, 49)),
        ("  claimed \t the   attack. ", (28, 49)),
        ("(TTP)", (22, 27)),
        ("84 died [sic].", (63, 77)),
        (TEXT, (0, len(TEXT))),
    ],
)
def test_it_finds_a_quote_white_space_aside(source, quote, position):
    assert source.find_quote(quote) == position
    start, end = position
    assert source.text[start:end].split() == quote.split()


@pytest.mark.parametrize(
    "quote",
    [
        "the pakistani taliban",
        "THE PAKISTANI TALIBAN",
        "The Pakistani Taliban (TTP) claimed the attack!",
        "Police said 84 people died",
        "claimedthe attack",
        "84 died [sic]..",
        "",
        "   ",
        ".*",
    ],
)
def test_it_does_not_find_what_differs_in_case_spelling_or_punctuation(source, quote):
    assert source.find_quote(quote) is None
