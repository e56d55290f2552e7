import pytest

from tests.site.records import build_site_records


@pytest.fixture
def site_records(db):
    return build_site_records()
