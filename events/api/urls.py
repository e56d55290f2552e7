from rest_framework.routers import SimpleRouter

from events.api import views

router = SimpleRouter()
router.register("incidents", views.IncidentViewSet)
router.register("places", views.PlaceViewSet)
router.register("crossings", views.CrossingViewSet)

urlpatterns = router.urls
