"""Incidents as map points: one marker per place with coordinates, listing the incidents there,
styled by how closely the coordinates locate the place."""

from events.models import Place

# Coordinates that stand for a whole country say only which country: counted apart.
COUNTRY_ONLY = Place.Precision.COUNTRY


def mapped_place(incident):
    """Its place, or else its crossing's place."""
    if incident.place_id:
        return incident.place
    return incident.crossing.place if incident.crossing_id else None


def precision_of(place):
    if place.kind == Place.Kind.COUNTRY:
        return COUNTRY_ONLY
    return place.precision or Place.Precision.SETTLEMENT


def places_with_incidents(incidents):
    """[{name, lat, lng, precision, precision_label, incidents: [{title, date, url}]}] for the
    incidents whose place (or crossing's place) has coordinates."""
    places = {}
    for incident in incidents:
        place = mapped_place(incident)
        if place is None or place.latitude is None:
            continue
        precision = precision_of(place)
        entry = places.setdefault(
            place.pk,
            {
                "name": place.name,
                "lat": float(place.latitude),
                "lng": float(place.longitude),
                "precision": precision,
                "precision_label": Place.Precision(precision).label,
                "incidents": [],
            },
        )
        entry["incidents"].append(
            {"title": incident.title, "date": incident.date_display, "url": incident.get_absolute_url()}
        )
    return list(places.values())


def mapping_summary(incidents):
    """How many incidents are drawn at a place, at a country's centroid only, or not at all."""
    summary = {"total": 0, "mapped": 0, "country_only": 0, "no_coordinates": 0, "no_place": 0}
    for incident in incidents:
        summary["total"] += 1
        place = mapped_place(incident)
        if place is None:
            summary["no_place"] += 1
        elif place.latitude is None:
            summary["no_coordinates"] += 1
        elif precision_of(place) == COUNTRY_ONLY:
            summary["country_only"] += 1
        else:
            summary["mapped"] += 1
    return summary


PRECISION_LEGEND = [(precision.value, precision.label) for precision in Place.Precision]
