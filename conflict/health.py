"""/healthz for load balancers and monitors, and the 503 that any request gets while the database is away."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def unavailable(request, error):
    logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=error)
    message = "The database is not answering; try again shortly."
    if request.path.startswith("/api/") or request.path == "/healthz":
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(
            f"<!doctype html><title>Unavailable</title><h1>Service unavailable</h1><p>{message}</p>", status=503
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@never_cache
def healthz(request):
    """200 when the database answers a query, 503 when it does not (within its connect timeout)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return unavailable(request, error)
    return JsonResponse({"status": "ok", "database": "ok"})
