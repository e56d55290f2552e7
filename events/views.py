"""The site's pages about incidents: the timeline, the disputes, one incident, the crossings and the map."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from conflict.conditional import last_change
from conflict.htmx import wants_fragment
from events.charts import incident_chart
from events.facets import active_filters, incident_facets
from events.filtersets import IncidentFilterSet
from events.kinds import INKS
from events.maps import PRECISION_LEGEND, mapping_summary, places_with_incidents
from events.models import Crossing, Incident, Involvement, TollFigure
from events.timeline import group_by_year_and_month
from sources.models import Citation

TIMELINE_PAGE_SIZE = 50

CITATIONS = Prefetch("citations", queryset=Citation.objects.with_sources())


def incident_detail(request, slug):
    incident = get_object_or_404(
        Incident.objects.select_related("place__parent__parent__parent", "crossing").with_disputes(), slug=slug
    )
    involvements = incident.involvements.all()
    toll_figures = incident.toll_figures.all()
    return render(
        request,
        "events/incident_detail.html",
        {
            "incident": incident,
            "roles": Involvement.by_role(involvements),
            "disputes": incident.disputes(),
            "map_points": places_with_incidents([incident]),
            "toll_figures": {
                measure.label: [f for f in toll_figures if f.measure == measure] for measure in TollFigure.Measure
            },
        },
    )


def crossing_detail(request, slug):
    crossing = get_object_or_404(
        Crossing.objects.select_related(
            "place", "pakistan_province", "pakistan_district", "afghanistan_province", "afghanistan_district"
        ).prefetch_related(CITATIONS),
        slug=slug,
    )
    return render(
        request,
        "events/crossing_detail.html",
        {
            "crossing": crossing,
            "periods": crossing.status_periods(),
            "incidents": crossing.incidents.select_related("place").prefetch_related("involvements__actor"),
        },
    )


def crossing_list(request):
    return render(request, "events/crossing_list.html", {"crossings": Crossing.objects.select_related("place")})


def filtered_incidents(request, incidents=None):
    """The incident FilterSet the API uses, bound to the page's query string."""
    if incidents is None:
        incidents = Incident.objects.select_related("place", "crossing__place").prefetch_related("involvements__actor")
    return IncidentFilterSet(request.GET, queryset=incidents.in_timeline_order(), request=request)


def filter_context(request, filterset):
    """What every page with the incident filters shows beside the form: chips and facets."""
    filters = request.GET.copy()
    filters.pop("page", None)
    return {
        "filterset": filterset,
        "chips": active_filters(filterset, filters),
        "facet_groups": incident_facets(filterset, filters),
        "query": filters.urlencode(),
        "kind_inks": INKS,
    }


def timeline(request):
    # Its items mark a toll resting only on a party's claim, which reads the roles, figures and quotes.
    incidents = Incident.objects.select_related("place", "crossing__place").with_toll_claims()
    filterset = filtered_incidents(request, incidents)
    incidents = filterset.qs if filterset.is_valid() else Incident.objects.none()
    filters = request.GET.copy()
    filters.pop("page", None)
    summary = calendar_summary(incidents, filters.urlencode())
    page = CountedPaginator(incidents, TIMELINE_PAGE_SIZE, summary["count"]).get_page(request.GET.get("page"))
    response = render(
        request,
        "events/_timeline_results.html" if wants_fragment(request) else "events/timeline.html",
        {
            **filter_context(request, filterset),
            "page": page,
            "years": group_by_year_and_month(page.object_list),
            "chart": summary["chart"],
            "exports": {name: export_url(filters, name) for name in ("csv", "geojson", "timeline")},
            "query": filters.urlencode(),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


class CountedPaginator(Paginator):
    """A paginator told the count, so that it runs no COUNT of its own."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def calendar_summary(incidents, filters):
    """The count, the chart per month and kind, and how many are left off it, from one pass over the
    matching incidents; kept in the cache until anything changes (conflict.conditional.last_change)."""

    def summarise():
        rows = list(incidents.chart_dates())
        return {"count": sum(row[3] for row in rows), "chart": incident_chart(rows)}

    changed = last_change(incidents.db)
    key = "timeline-summary:" + hashlib.sha1(f"{changed} {filters}".encode()).hexdigest()
    return cache.get_or_set(key, summarise, timeout=None)


def disputes(request):
    filterset = filtered_incidents(request, Incident.objects.disputed().select_related("place").with_disputes())
    incidents = filterset.qs if filterset.is_valid() else Incident.objects.none()
    page = Paginator(incidents, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "events/disputes.html",
        {
            **filter_context(request, filterset),
            "page": page,
            "api_url": reverse("api:dispute-list") + (f"?{filters.urlencode()}" if filters else ""),
        },
    )


def export_url(filters, format_name):
    """The API's incident list in another format (csv, geojson, timeline), for the same filters."""
    query = filters.copy()
    query.pop("page", None)
    query["format"] = format_name
    return f"{reverse('api:incident-list')}?{query.urlencode()}"


def incident_map(request):
    filterset = filtered_incidents(request)
    incidents = list(filterset.qs) if filterset.is_valid() else []
    return render(
        request,
        "events/map.html",
        {
            **filter_context(request, filterset),
            "points": places_with_incidents(incidents),
            "summary": mapping_summary(incidents),
            "precisions": PRECISION_LEGEND,
        },
    )
