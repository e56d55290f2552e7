from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("map/", views.incident_map, name="map"),
    path("disputes/", views.disputes, name="disputes"),
    path("incidents/<slug:slug>/", views.incident_detail, name="incident"),
    path("crossings/", views.crossing_list, name="crossings"),
    path("crossings/<slug:slug>/", views.crossing_detail, name="crossing"),
]
