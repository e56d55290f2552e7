"""The site's pages about incidents: the timeline, one incident, the crossings and the map."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from events.maps import places_with_incidents
from events.models import Crossing, Incident, Involvement, TollFigure
from sources.models import Citation

CITATIONS = Prefetch("citations", queryset=Citation.objects.with_sources())


def incident_detail(request, slug):
    incident = get_object_or_404(
        Incident.objects.select_related("place__parent__parent__parent", "crossing").prefetch_related(CITATIONS),
        slug=slug,
    )
    involvements = incident.involvements.select_related("actor", "accused_by").prefetch_related(CITATIONS)
    toll_figures = incident.toll_figures.select_related("source").prefetch_related(CITATIONS)
    return render(
        request,
        "events/incident_detail.html",
        {
            "incident": incident,
            "roles": Involvement.by_role(involvements),
            "map_points": places_with_incidents([incident]),
            "toll_figures": {measure.label: [f for f in toll_figures if f.measure == measure] for measure in TollFigure.Measure},
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
