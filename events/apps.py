from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        from events.search import ensure_triggers

        post_migrate.connect(lambda using, **kwargs: ensure_triggers(connections[using]), sender=self, weak=False)
