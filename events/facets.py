"""What the incident filters give: the active filters as removable chips, and facets, that is how
many incidents each kind, role, province and year would give (as Datasette shows them).

Each facet is counted over the incidents that every other filter gives (from the values the page's
FilterSet has already cleaned), so that its counts say what choosing one more value would add;
each is one grouped query.
"""

from actors.models import Actor
from events.kinds import KIND_STYLES
from events.models import Incident, Involvement

# The pages' short names for the filters (the FilterSet's labels document the API).
FILTER_NAMES = {
    "q": "Search",
    "date_from": "From",
    "date_to": "To",
    "date_match": "Dates",
    "kind": "Kind",
    "actor": "Actor",
    "actor_id": "Actor",
    "role": "Role",
    "include_factions": "With factions and members",
    "country": "Country",
    "province": "Province or region",
    "district": "District",
    "place": "Place",
    "crossing": "Crossing",
    "source": "Source",
    "killed_min": "Killed, at least",
    "killed_max": "Killed, at most",
    "updated_since": "Changed since",
    "ordering": "Order",
}
YEAR_PARAMETERS = ("date_from", "date_to", "date_match")


def active_filters(filterset, query):
    """[{name, label, value, url}] for every filter value in the query, the url without it."""
    if not filterset.is_valid():
        return []
    shown = {name: dict(filter.extra.get("choices") or []) for name, filter in filterset.filters.items()}
    chips = []
    for name, values in query.lists():
        if name not in filterset.filters:
            continue
        for value in values:
            if value == "" or (name == "date_match" and value == "overlap"):
                continue
            chips.append(
                {
                    "name": FILTER_NAMES.get(name, name),
                    "value": value_label(filterset, name, value, shown[name]),
                    "url": "?" + without(query, name, value).urlencode(),
                }
            )
    return chips


def value_label(filterset, name, value, choices):
    records = filterset.form.cleaned_data.get(name)
    if isinstance(records, list) and all(hasattr(record, "pk") for record in records):
        key = "pk" if name == "actor_id" else "slug"
        named = {str(getattr(record, key)): str(record) for record in records}
        return named.get(value, value)
    return str(choices.get(value, value))


def without(query, name, value):
    rest = query.copy()
    rest.pop("page", None)
    rest.setlist(name, [kept for kept in rest.getlist(name) if kept != value])
    return rest


def incident_facets(filterset, query):
    """[(name, heading, [(value, label, count, url, style), ...]), ...] for kind, role, province and
    year; a kind's style is its look in the chart. None where the filters are invalid."""
    if not filterset.is_valid():
        return []
    return [
        ("kind", "Kind", kind_facet(filterset, query)),
        ("role", "Role (of anyone, or of the actor chosen)", role_facet(filterset, query)),
        ("province", "Province or region", province_facet(filterset, query)),
        ("year", "Year (incidents certainly in it)", year_facet(filterset, query)),
    ]


def others(filterset, *names):
    """The incidents that every filter but these gives."""
    return filterset.filter_queryset_without(Incident.objects.all(), *names)


def adding(query, name, value):
    more = query.copy()
    more.pop("page", None)
    if value not in more.getlist(name):
        more.appendlist(name, value)
    return "?" + more.urlencode()


def kind_facet(filterset, query):
    labels = dict(Incident.Kind.choices)
    return [
        (kind, labels[kind], count, adding(query, "kind", kind), KIND_STYLES[kind])
        for kind, count in others(filterset, "kind").counts_by_kind()
    ]


def role_facet(filterset, query):
    labels = dict(Involvement.Role.choices)
    counts = others(filterset, "role").counts_by_role(chosen_actors(filterset))
    return [(role, labels[role], count, adding(query, "role", role), None) for role, count in counts]


def chosen_actors(filterset):
    """The actors the filters name (with their factions if asked), or None for anyone."""
    data = filterset.form.cleaned_data
    chosen = [*data["actor"], *data["actor_id"]]
    if not chosen:
        return None
    actors = Actor.objects.filter(pk__in=[actor.pk for actor in chosen])
    return actors.with_factions_and_members() if data["include_factions"] else actors


def province_facet(filterset, query):
    return [
        (slug, name, count, adding(query, "province", slug), None)
        for slug, name, count in others(filterset, "province").counts_by_province()
    ]


def year_facet(filterset, query):
    """Years in which incidents certainly fall; choosing one filters to incidents certainly in it,
    so that the count is what the link gives."""
    return [
        (year, str(year), count, years_url(query, year), None)
        for year, count in others(filterset, *YEAR_PARAMETERS).counts_by_certain_year()
    ]


def years_url(query, year):
    chosen = query.copy()
    for name in (*YEAR_PARAMETERS, "page"):
        chosen.pop(name, None)
    chosen.update({"date_from": str(year), "date_to": str(year), "date_match": "within"})
    return "?" + chosen.urlencode()
