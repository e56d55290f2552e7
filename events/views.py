"""The site's pages about incidents: the timeline, the disputes, one incident, the crossings and the map."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from conflict.htmx import wants_fragment
from events.filtersets import IncidentFilterSet
from events.maps import places_with_incidents
from events.models import Crossing, Incident, Involvement, TollFigure
from events.timeline import group_by_year_and_month, monthly_chart
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
        incidents = Incident.objects.select_related("place").prefetch_related("involvements__actor")
    return IncidentFilterSet(request.GET, queryset=incidents, request=request)


def timeline(request):
    # Its items mark a toll resting only on a party's claim, which reads the roles, figures and quotes.
    filterset = filtered_incidents(request, Incident.objects.select_related("place").with_toll_claims())
    incidents = filterset.qs if filterset.is_valid() else Incident.objects.none()
    page = Paginator(incidents, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    filters = request.GET.copy()
    filters.pop("page", None)
    response = render(
        request,
        "events/_timeline_results.html" if wants_fragment(request) else "events/timeline.html",
        {
            "filterset": filterset,
            "page": page,
            "years": group_by_year_and_month(page.object_list),
            "chart": monthly_chart(incidents.monthly_counts_by_kind()),
            "uncharted": incidents.count() - incidents.known_to_the_month().count(),
            "exports": {name: export_url(filters, name) for name in ("csv", "geojson", "timeline")},
            "query": filters.urlencode(),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


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
            "filterset": filterset,
            "page": page,
            "api_url": reverse("api:dispute-list") + (f"?{filters.urlencode()}" if filters else ""),
        },
    )


def export_url(filters, format_name):
    """The API's incident list in another format (csv, geojson, timeline), for the same filters."""
    query = filters.copy()
    query["format"] = format_name
    return f"{reverse('api:incident-list')}?{query.urlencode()}"


def incident_map(request):
    filterset = filtered_incidents(request)
    incidents = filterset.qs if filterset.is_valid() else Incident.objects.none()
    return render(
        request,
        "events/map.html",
        {"filterset": filterset, "points": places_with_incidents(incidents), "incidents": incidents},
    )
