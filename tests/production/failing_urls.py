"""The site's URLs plus two that fail on purpose, for the tests of error pages and error logs."""

from django.urls import path

from conflict.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fail(request):
    raise ZeroDivisionError("deliberate failure for the tests")


urlpatterns = [path("api/v1/fail/", fail), path("fail/", fail), *urlpatterns]
