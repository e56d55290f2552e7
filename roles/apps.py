from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roles"

    def ready(self):
        from .groups import sync_groups

        # After every migrate, once all apps' permissions can exist: a merged branch's new
        # models join the groups without a data migration of their own.
        post_migrate.connect(sync_groups, sender=self, dispatch_uid="roles.sync_groups")
