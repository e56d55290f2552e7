"""Every curl line in docs/api.md, replayed through the test client against the test world,
answers what the text around it says."""

import csv
import io
import shlex
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token


def documented_requests():
    text = (settings.BASE_DIR / "docs" / "api.md").read_text()
    return [parse_curl(line.strip()) for line in text.splitlines() if line.strip().startswith("curl ")]


def parse_curl(line):
    words = shlex.split(line)
    request = {"method": "GET", "headers": {}, "body": None, "url": None}
    options = iter(words[1:])
    for word in options:
        if word == "-X":
            request["method"] = next(options)
        elif word == "-H":
            name, value = next(options).split(": ", 1)
            request["headers"][name] = value
        elif word == "-d":
            request["body"] = next(options)
        elif word == "-o":
            next(options)
        elif word.startswith("http"):
            url = urlsplit(word)
            request["url"] = f"{url.path}?{url.query}" if url.query else url.path
    return request


def replay(api, request, token):
    headers = {
        "HTTP_" + name.upper().replace("-", "_"): value.replace("$TOKEN", token)
        for name, value in request["headers"].items()
        if name != "Content-Type"
    }
    return api.generic(
        request["method"],
        request["url"],
        request["body"] or "",
        content_type=request["headers"].get("Content-Type", "application/octet-stream"),
        **headers,
    )


def slugs(response):
    return [record["slug"] for record in response.json()["results"]]


TTP_2022 = "/api/v1/incidents/?actor=ttp&include_factions=true&date_from=2022&date_to=2022"
STRIKES = "/api/v1/incidents/?kind=air_strike&kind=drone_strike&kind=shelling&country=afghanistan"

EXPECTATIONS = {
    "/api/v1/actors/ttp/": lambda response: (
        response.json()["aliases"] == ["Pakistani Taliban", "TTP"]
        and {tie["slug"] for tie in response.json()["relationships"]}
        == {"jua-splinter-of-ttp", "ttp-hostile-to-pakistan-military"}
    ),
    "/api/v1/relationships/?actor=ttp&date_from=2022&date_to=2022": lambda response: (
        slugs(response) == ["ttp-hostile-to-pakistan-military"]
    ),
    f"{TTP_2022}&ordering=date": lambda response: (
        slugs(response)
        == ["2021-12-talks", "2022-04-16-khost-air-strike", "2022-06-ttp-ceasefire", "2022-11-28-ttp-ceasefire-end"]
    ),
    f"{TTP_2022}&date_match=within&format=csv": lambda response: (
        [row["slug"] for row in csv.DictReader(io.StringIO(response.getvalue().decode()))]
        == ["2022-04-16-khost-air-strike", "2022-06-ttp-ceasefire", "2022-11-28-ttp-ceasefire-end"]
    ),
    f"{STRIKES}&ordering=date": lambda response: (
        slugs(response) == ["2022-04-kunar-air-strike", "2022-04-16-khost-air-strike"]
    ),
    f"{STRIKES}&format=geojson": lambda response: (
        [feature["id"] for feature in response.json()["features"]] == ["2022-04-16-khost-air-strike"]
    ),
    "/api/v1/disputes/?actor=jamaat-ul-ahrar": lambda response: (
        slugs(response) == ["2023-01-30-peshawar-mosque-bombing"]
        and [dispute["kind"] for dispute in response.json()["results"][0]["disputes"]] == ["toll", "attribution"]
    ),
    "/api/v1/crossings/torkham/": lambda response: (
        [(period["status"], period["since"]) for period in response.json()["status_history"]]
        == [("closed", "2023-02-19"), ("open", "2023-02-25")]
    ),
    "/api/v1/incidents/?crossing=torkham&ordering=date": lambda response: (
        slugs(response) == ["2023-02-19-torkham-closure", "2023-02-25-torkham-reopening"]
    ),
    "/api/v1/incidents/?crossing=torkham&format=timeline": lambda response: (
        [era["text"]["headline"] for era in response.json()["eras"]] == ["Torkham closed"]
    ),
    "/api/v1/incidents/sync/?page_size=1000&updated_since=2024-01-01T00:00:00Z": lambda response: (
        len(response.json()["results"]) == 8 and response.json()["next"] is None
    ),
    "/api/v1/incidents/": lambda response: (
        response.status_code == 201 and response.json()["place"]["slug"] == "torkham"
    ),
}


@pytest.fixture
def token(django_user_model):
    return Token.objects.create(user=django_user_model.objects.create_superuser("alice", password="secret")).key


def test_every_documented_request_is_checked_here():
    assert sorted(request["url"] for request in documented_requests()) == sorted(EXPECTATIONS)


@pytest.mark.parametrize("request_", documented_requests(), ids=lambda request: request["url"])
def test_the_documented_example_answers_as_the_docs_say(world, api, token, request_):
    response = replay(api, request_, token)
    assert response.status_code in {200, 201}, response.content
    assert EXPECTATIONS[request_["url"]](response)
