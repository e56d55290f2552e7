"""After the first load the database is the record: reloading the fixtures (as `make run` does on
every start) adds what is missing, updates what nobody has touched, and leaves people's edits alone."""

import io
import re
import shlex
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from actors.models import Actor, Alias
from corpus.loader import load_corpus
from events.models import Incident, Involvement

from .admin_forms import admin_url, current_form_data

INCIDENT = "2023-01-30-peshawar-police-lines-mosque-bombing"


def make_run_load_step():
    """Run the load step of `make run` as the Makefile spells it; return what it printed."""
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    recipe = re.search(r"^load:.*\n\t(.*)$", makefile, re.MULTILINE).group(1)
    output = io.StringIO()
    call_command(*shlex.split(recipe.split("manage.py", 1)[1]), stdout=output, verbosity=0)
    return output.getvalue()


@pytest.fixture
def fixtures_copy(tmp_path):
    shutil.copytree(settings.CORPUS_DIR, tmp_path / "fixtures")
    return tmp_path / "fixtures"


def edit_fixture(directory, article, old, new):
    path = directory / "articles" / f"{article}.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_title_changed_in_the_admin_survives_make_run(corpus, admin_client):
    incident = Incident.objects.get(slug=INCIDENT)
    fixture_title = incident.title
    url = admin_url(Incident, "change", incident.pk)
    data = current_form_data(admin_client.get(url)) | {"title": "Suicide bombing of the Police Lines mosque"}
    assert admin_client.post(url, data).status_code == 302

    printed = make_run_load_step()

    assert Incident.objects.get(slug=INCIDENT).title == "Suicide bombing of the Police Lines mosque"
    assert f"Incident {INCIDENT} title: fixture {fixture_title!r}, database " in printed
    assert "'Suicide bombing of the Police Lines mosque'" in printed


def test_a_row_nobody_changed_takes_the_fixtures_correction(corpus, db, fixtures_copy):
    incident = Incident.objects.get(slug=INCIDENT)
    edit_fixture(fixtures_copy, "002_5febc34bedb8d0be", f"title: {incident.title}", "title: Corrected title")
    result = load_corpus(fixtures_copy)
    assert Incident.objects.get(slug=INCIDENT).title == "Corrected title"
    assert result.left_alone == []


def test_a_row_changed_in_a_shell_keeps_every_field_and_the_rest_still_loads(corpus, db, fixtures_copy):
    ttp = Actor.objects.get(slug="ttp")
    ttp.description = "A curator's description."
    ttp.save()
    incident = Incident.objects.get(slug=INCIDENT)
    edit_fixture(fixtures_copy, "002_5febc34bedb8d0be", f"title: {incident.title}", "title: Corrected title")

    result = load_corpus(fixtures_copy)

    assert Actor.objects.get(slug="ttp").description == "A curator's description."
    assert [(item.record, item.field) for item in result.left_alone] == [("Actor ttp", "description")]
    assert result.left_alone[0].database_value == "A curator's description."
    assert Incident.objects.get(slug=INCIDENT).title == "Corrected title"


def test_rows_a_person_deleted_are_not_brought_back(corpus, db):
    Alias.objects.get(actor__slug="ttp", name="TTP").delete()
    role = Involvement.objects.filter(incident__slug=INCIDENT).first()
    label = f"Involvement {role.actor.slug} {role.role} in {INCIDENT}"
    role.delete()

    result = load_corpus(settings.CORPUS_DIR)

    assert not Alias.objects.filter(actor__slug="ttp", name="TTP").exists()
    assert not Involvement.objects.filter(pk=role.pk).exists()
    assert {item.record for item in result.left_alone} == {"Alias 'TTP' of ttp", label}


def test_a_fresh_load_marks_every_version_as_loaded_so_a_reload_changes_nothing(corpus, db):
    assert load_corpus(settings.CORPUS_DIR).left_alone == []
