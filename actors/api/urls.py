from rest_framework.routers import SimpleRouter

from actors.api import views

router = SimpleRouter()
router.register("actors", views.ActorViewSet)
router.register("relationships", views.RelationshipViewSet)

urlpatterns = router.urls
