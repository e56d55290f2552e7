"""Each record carries what a reader needs without a second request."""


def test_an_incident_carries_its_place_date_tolls_roles_and_citations(world, api):
    incident = api.get("/api/v1/incidents/2023-01-30-peshawar-mosque-bombing/").json()
    assert incident["place"]["slug"] == "peshawar"
    assert (incident["place"]["latitude"], incident["place"]["longitude"]) == ("34.01000", "71.58000")
    assert incident["date"] == "2023-01-30"
    assert (incident["date_earliest"], incident["date_latest"], incident["date_precision"]) == (
        "2023-01-30",
        "2023-01-30",
        "day",
    )
    assert (incident["killed_min"], incident["killed_max"]) == (84, None)
    figures = {
        figure["source"]["slug"]: (figure["low"], figure["high"], figure["as_printed"])
        for figure in incident["toll_figures"]
    }
    assert figures == {"dawn-2023": (101, None, "more than 100"), "police-report": (84, 84, "84")}
    roles = {(role["actor"]["slug"], role["role"]) for role in incident["actors"]}
    assert roles == {("jamaat-ul-ahrar", "claimed"), ("ttp", "denied")}
    citation = incident["citations"][0]
    assert citation["quote"] == "the Peshawar mosque bombing"
    assert citation["source"]["api_url"].endswith("/api/v1/sources/dawn-2023/")
    assert "speaker" in citation
    denial = next(role for role in incident["actors"] if role["role"] == "denied")
    assert denial["citations"][0]["quote"] == "the TTP denied any role"


def test_an_incident_shows_who_makes_an_accusation(world, api):
    strike = api.get("/api/v1/incidents/2022-04-16-khost-air-strike/").json()
    accused = next(role for role in strike["actors"] if role["role"] == "accused")
    assert (accused["actor"]["slug"], accused["accused_by"]["slug"]) == ("pakistan-military", "afghan-taliban")


def test_a_fuzzy_date_keeps_its_edtf_text_and_its_bounds(world, api):
    talks = api.get("/api/v1/incidents/2021-12-talks/").json()
    assert (talks["date"], talks["date_earliest"], talks["date_latest"], talks["date_precision"]) == (
        "2021-12/2022-01",
        "2021-12-01",
        "2022-01-31",
        "range",
    )


def test_an_actor_carries_its_aliases_and_relationships_both_ways(world, api):
    actor = api.get("/api/v1/actors/jamaat-ul-ahrar/").json()
    assert api.get("/api/v1/actors/ttp/").json()["aliases"] == ["Pakistani Taliban", "TTP"]
    ties = {(tie["subject"]["slug"], tie["kind"], tie["object"]["slug"]) for tie in actor["relationships"]}
    assert ties == {("jamaat-ul-ahrar", "splinter_of", "ttp"), ("umar-khalid", "member_of", "jamaat-ul-ahrar")}
    splinter = next(tie for tie in actor["relationships"] if tie["kind"] == "splinter_of")
    assert splinter["attested"] == "2023-03"
    assert splinter["citations"][0]["quote"] == "Jamaat-ul-Ahrar, a splinter group of the TTP"


def test_a_crossing_carries_its_open_and_closed_history(world, api):
    crossing = api.get("/api/v1/crossings/torkham/").json()
    history = [(period["status"], period["since"], period["until"]) for period in crossing["status_history"]]
    assert history == [("closed", "2023-02-19", "2023-02-25"), ("open", "2023-02-25", None)]
    assert crossing["status_history"][0]["incident"]["slug"] == "2023-02-19-torkham-closure"
    assert crossing["afghanistan_province"]["slug"] == "nangarhar"


def test_a_source_carries_the_records_it_supports_and_its_references(world, api):
    source = api.get("/api/v1/sources/police-report/").json()
    supported = {(record["type"], record["slug"]) for record in source["supports"]}
    assert ("relationship", "umar-khalid-member-of-jua") in supported
    assert ("incident", "2021-12-talks") in supported
    role = next(record for record in source["supports"] if record["type"] == "involvement")
    assert role["api_url"].endswith("/api/v1/incidents/2021-12-talks/")
    assert [cited["slug"] for cited in source["cited_by"]] == ["dawn-2023"]
    assert source["text"].startswith("The death toll")
    dawn = api.get("/api/v1/sources/dawn-2023/").json()
    assert [(reference["source"]["slug"], reference["note"]) for reference in dawn["cites"]] == [("police-report", "3")]
