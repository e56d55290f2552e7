"""What the incident filters give: the active filters as removable chips, and facets, that is how
many incidents each kind, role, province and year would give (as Datasette shows them).

Each facet is counted over the incidents that every other filter gives, so that its counts say
what choosing one more value would add; each is one grouped query.
"""

from django.db.models import Case, Count, F, When
from django.db.models.functions import Coalesce, ExtractYear

from actors.models import Actor
from events.filtersets import PROVINCE_KINDS, IncidentFilterSet
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


def incident_facets(query):
    """[(name, heading, [(value, label, count, url), ...]), ...] for kind, role, province and year."""
    return [
        ("kind", "Kind", kind_facet(query)),
        ("role", "Role (of anyone, or of the actor chosen)", role_facet(query)),
        ("province", "Province or region", province_facet(query)),
        ("year", "Year (incidents certainly in it)", year_facet(query)),
    ]


def others(query, *names):
    """The incidents that every filter but these gives (none where the filters are invalid)."""
    rest = query.copy()
    for name in (*names, "page"):
        rest.pop(name, None)
    filterset = IncidentFilterSet(rest, queryset=Incident.objects.all())
    return (filterset.qs if filterset.is_valid() else Incident.objects.none()), filterset


def adding(query, name, value):
    more = query.copy()
    more.pop("page", None)
    if value not in more.getlist(name):
        more.appendlist(name, value)
    return "?" + more.urlencode()


def kind_facet(query):
    incidents, _ = others(query, "kind")
    counts = incidents.order_by().values_list("kind").annotate(count=Count("pk")).order_by("-count", "kind")
    labels = dict(Incident.Kind.choices)
    return [(kind, labels[kind], count, adding(query, "kind", kind)) for kind, count in counts]


def role_facet(query):
    incidents, filterset = others(query, "role")
    involvements = Involvement.objects.filter(incident__in=incidents.values("pk"))
    chosen = chosen_actors(filterset)
    if chosen is not None:
        involvements = involvements.filter(actor__in=chosen)
    counts = (
        involvements.order_by()
        .values_list("role")
        .annotate(count=Count("incident", distinct=True))
        .order_by("-count", "role")
    )
    labels = dict(Involvement.Role.choices)
    return [(role, labels[role], count, adding(query, "role", role)) for role, count in counts]


def chosen_actors(filterset):
    """The actors the filters name (with their factions if asked), or None for anyone."""
    data = filterset.form.cleaned_data if filterset.is_valid() else {}
    chosen = [*data.get("actor", []), *data.get("actor_id", [])]
    if not chosen:
        return None
    actors = Actor.objects.filter(pk__in=[actor.pk for actor in chosen])
    return actors.with_factions_and_members() if data.get("include_factions") else actors


def province_of(path, attribute):
    """An attribute of the province or region at or above a place (at most three levels up)."""
    levels = [path, f"{path}__parent", f"{path}__parent__parent"]
    return Case(*[When(**{f"{level}__kind__in": PROVINCE_KINDS}, then=F(f"{level}__{attribute}")) for level in levels])


def province_facet(query):
    """Incidents by the province of their place, or else of their crossing's place."""
    incidents, _ = others(query, "province")
    counts = (
        incidents.order_by()
        .annotate(
            province_slug=Coalesce(province_of("place", "slug"), province_of("crossing__place", "slug")),
            province_name=Coalesce(province_of("place", "name"), province_of("crossing__place", "name")),
        )
        .filter(province_slug__isnull=False)
        .values_list("province_slug", "province_name")
        .annotate(count=Count("pk"))
        .order_by("-count", "province_name")
    )
    return [(slug, name, count, adding(query, "province", slug)) for slug, name, count in counts]


def year_facet(query):
    """Years in which incidents certainly fall (their possible days all in that year); choosing
    one filters to incidents certainly in it, so the count is what the link gives."""
    incidents, _ = others(query, *YEAR_PARAMETERS)
    counts = (
        incidents.order_by()
        .annotate(first=ExtractYear("date_earliest"), last=ExtractYear("date_latest"))
        .filter(first=F("last"))
        .values_list("first")
        .annotate(count=Count("pk"))
        .order_by("first")
    )
    return [(year, str(year), count, years_url(query, year)) for year, count in counts]


def years_url(query, year):
    chosen = query.copy()
    for name in (*YEAR_PARAMETERS, "page"):
        chosen.pop(name, None)
    chosen.update({"date_from": str(year), "date_to": str(year), "date_match": "within"})
    return "?" + chosen.urlencode()
