"""Export formats for lists: CSV (flat rows), GeoJSON and TimelineJS JSON.

Views hand these renderers data already shaped for the format (see events/api/exports.py);
errors are always answered in JSON (views.RecordViewSet.handle_exception)."""

import csv
import io

from rest_framework.renderers import BaseRenderer, JSONRenderer


class CSVRenderer(BaseRenderer):
    """Rows (dicts) as CSV with a header line; the view names the columns, so an empty list still has them."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        columns = renderer_context["view"].csv_columns
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
        return out.getvalue().encode(self.charset)


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class TimelineRenderer(JSONRenderer):
    """TimelineJS's JSON format (a distinct media type, so the schema can tell it from the list)."""

    media_type = "application/vnd.timelinejs+json"
    format = "timeline"
