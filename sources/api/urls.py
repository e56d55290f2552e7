from rest_framework.routers import SimpleRouter

from sources.api import views

router = SimpleRouter()
router.register("sources", views.SourceViewSet)
router.register("citations", views.CitationViewSet)

urlpatterns = router.urls
