import datetime

import pytest
from django.core.exceptions import ValidationError

from conflict import fuzzydates


@pytest.mark.parametrize(
    "text, earliest, latest",
    [
        ("2023-01-30", datetime.date(2023, 1, 30), datetime.date(2023, 1, 30)),
        ("2022-04", datetime.date(2022, 4, 1), datetime.date(2022, 4, 30)),
        ("2022", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
        ("2014-21", datetime.date(2014, 3, 1), datetime.date(2014, 5, 31)),
        ("2021-08/..", datetime.date(2021, 8, 1), None),
        ("2022-06/2022-11", datetime.date(2022, 6, 1), datetime.date(2022, 11, 30)),
    ],
)
def test_it_gives_the_days_a_date_can_mean(text, earliest, latest):
    assert fuzzydates.bounds(text) == (earliest, latest)


def test_an_approximate_date_widens_by_one_unit_of_its_precision():
    earliest, latest = fuzzydates.bounds("2021-09~")
    assert earliest < datetime.date(2021, 9, 1) and latest > datetime.date(2021, 9, 30)


@pytest.mark.parametrize("text", ["last January", "2021-13-45", "2021-08-2X", "2023/2021"])
def test_it_rejects_what_is_not_a_valid_edtf_date(text):
    with pytest.raises(ValidationError, match="EDTF|before it begins"):
        fuzzydates.validate_edtf(text)


@pytest.mark.parametrize(
    "text, words",
    [
        ("2023-01-30", "30 January 2023"),
        ("2022-04", "April 2022"),
        ("2021-09~", "c. September 2021"),
        ("2021-08/..", "since August 2021"),
        ("2014-21", "spring 2014"),
        ("197X", "the 1970s"),
        ("", "date unknown"),
    ],
)
def test_it_describes_a_date_as_precisely_as_it_is_known(text, words):
    assert fuzzydates.describe(text) == words


@pytest.mark.parametrize("text", ["2023-13-45", "2023-13"])
def test_it_describes_an_invalid_date_as_typed_so_the_form_refusing_it_can_show_it(text):
    assert fuzzydates.describe(text) == text


@pytest.mark.parametrize(
    "text, precision",
    [
        ("2023-01-30", "day"),
        ("2023-01", "month"),
        ("2014-21", "season"),
        ("2023", "year"),
        ("197X", "decade"),
        ("2021-08/..", "range"),
    ],
)
def test_it_names_the_precision(text, precision):
    assert fuzzydates.precision(text) == precision
