"""Error pages: under /api/ every error is JSON, whatever raised it; elsewhere Django's own pages."""

from django.http import JsonResponse
from django.views import defaults


def api_error(request, status, detail):
    return request.path.startswith("/api/") and JsonResponse({"detail": detail}, status=status)


def bad_request(request, exception):
    return api_error(request, 400, "Bad request.") or defaults.bad_request(request, exception)


def permission_denied(request, exception):
    return api_error(request, 403, "You do not have permission to do this.") or defaults.permission_denied(
        request, exception
    )


def page_not_found(request, exception):
    return api_error(request, 404, "Not found.") or defaults.page_not_found(request, exception)


def server_error(request):
    return api_error(request, 500, "Server error: it has been logged.") or defaults.server_error(request)
