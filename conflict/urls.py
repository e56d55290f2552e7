"""The site's pages, the admin, the API and the health check."""

from django.contrib import admin
from django.urls import include, path

from actors.urls import relationship_patterns
from actors.views import field_network
from conflict.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("conflict.api.urls")),
    path("actors/", include("actors.urls")),
    path("network/", field_network, name="network"),
    path("relationships/", include((relationship_patterns, "relationships"))),
    path("sources/", include("sources.urls")),
    path("", include("events.urls")),
]

handler400 = "conflict.errors.bad_request"
handler403 = "conflict.errors.permission_denied"
handler404 = "conflict.errors.page_not_found"
handler500 = "conflict.errors.server_error"
