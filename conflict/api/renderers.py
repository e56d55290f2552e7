"""Export formats for lists: CSV (flat rows), GeoJSON and TimelineJS JSON.

Views hand these renderers data already shaped for the format, or stream CSV themselves (see
events/api/exports.py);
errors are always answered in JSON (views.RecordViewSet.handle_exception)."""

from rest_framework.renderers import BaseRenderer, JSONRenderer

# A text cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell a spreadsheet would run as a formula, led by an apostrophe so it stays text
    (docs/codebook.md, "Exports"); numbers and dates are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CSVRenderer(BaseRenderer):
    """Chooses CSV for ?format=csv or Accept: text/csv; the view streams the rows itself
    (events/api/exports.py), so this renders nothing."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("CSV is streamed by the view.")


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class TimelineRenderer(JSONRenderer):
    """TimelineJS's JSON format (a distinct media type, so the schema can tell it from the list)."""

    media_type = "application/vnd.timelinejs+json"
    format = "timeline"
