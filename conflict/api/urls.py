"""/api/v1/ (every app's endpoints), the OpenAPI schema and its two readers, served from our static files
(their pages: templates/drf_spectacular/, inline code under the site's policy with a nonce)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import APIRootView

ENDPOINTS = {
    "actors": "actor-list",
    "relationships": "relationship-list",
    "incidents": "incident-list",
    "disputes": "dispute-list",
    "places": "place-list",
    "crossings": "crossing-list",
    "sources": "source-list",
    "citations": "citation-list",
}

version_1 = [
    path("", APIRootView.as_view(api_root_dict=ENDPOINTS), name="root"),
    path("", include("actors.api.urls")),
    path("", include("events.api.urls")),
    path("", include("sources.api.urls")),
]

urlpatterns = [
    path("v1/", include((version_1, "api"))),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
