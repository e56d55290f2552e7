"""Incidents as map points: one marker per place with coordinates, listing the incidents there."""


def places_with_incidents(incidents):
    """[{name, lat, lng, incidents: [{title, date, url}]}] for the incidents whose place has coordinates."""
    places = {}
    for incident in incidents:
        place = incident.place
        if place is None or place.latitude is None:
            continue
        entry = places.setdefault(
            place.pk, {"name": place.name, "lat": float(place.latitude), "lng": float(place.longitude), "incidents": []}
        )
        entry["incidents"].append(
            {"title": incident.title, "date": incident.date_display, "url": incident.get_absolute_url()}
        )
    return list(places.values())
