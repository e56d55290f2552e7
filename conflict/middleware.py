"""Headers every response carries, and a database outage answered as a 503 rather than a 500."""

from django.conf import settings
from django.db import InterfaceError, OperationalError

from conflict import health


class PermissionsPolicyMiddleware:
    """Switches off the browser features the site never uses (camera, microphone, geolocation…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ApiPagesPolicyMiddleware:
    """The API's HTML pages (Swagger UI, ReDoc, the browsable API) style their elements inline and
    ReDoc parses the schema in a web worker: allow those two things there, and nothing more."""

    API_PAGES_POLICY = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and response.get("Content-Type", "").startswith("text/html"):
            response._csp_update = self.API_PAGES_POLICY
        return response


class DatabaseUnavailableMiddleware:
    """A database that is down or does not answer in time: 503 with Retry-After, JSON under /api/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return health.unavailable(request, exception)
        return None
