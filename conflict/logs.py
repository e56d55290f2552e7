"""LOG_FORMAT=json: one JSON object a line, with the request path and the traceback when there is one."""

import json
import logging
from datetime import UTC, datetime


class JSONFormatter(logging.Formatter):
    def format(self, record):
        event = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            event["method"] = request.method
            event["path"] = request.get_full_path()
        if getattr(record, "status_code", None):
            event["status"] = record.status_code
        if record.exc_info:
            event["traceback"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False)
