from rest_framework.routers import SimpleRouter

from events.api import disputes, views

router = SimpleRouter()
router.register("incidents", views.IncidentViewSet)
router.register("disputes", disputes.DisputeViewSet, basename="dispute")
router.register("places", views.PlaceViewSet)
router.register("crossings", views.CrossingViewSet)

urlpatterns = router.urls
