"""The "editor" and "viewer" groups, granted Django model permissions on the project's data.

Admin and the API (DRF's DjangoModelPermissionsOrAnonReadOnly) both check these permissions, so
a group means the same on either side. The groups are code: a migrate resets them to this.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from simple_history.models import HistoricalChanges

DATA_APPS = ["sources", "actors", "events"]

# Parts of a record an editor removes while correcting it. The records others rest on (sources,
# actors, incidents, places, crossings) are not deleted by editors: duplicates are merged, and
# anything else is for a superuser to decide.
EDITOR_DELETES = {
    "alias",
    "citation",
    "involvement",
    "tollfigure",
    "reference",
    "relationship",
    "relationshipattestation",
}


def data_model_names():
    """The project's data models, without simple-history's shadow models."""
    return [
        model._meta.model_name
        for label in DATA_APPS
        for model in global_apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
    ]


def role_codenames():
    editor, viewer = set(), set()
    for name in data_model_names():
        actions = ["view", "add", "change"] + (["delete"] if name in EDITOR_DELETES else [])
        editor |= {f"{action}_{name}" for action in actions}
        viewer.add(f"view_{name}")
    return {"editor": editor, "viewer": viewer}


def sync_groups(using="default", **kwargs):
    # auth creates permissions app by app on this same signal, so this app's turn may come first.
    for label in DATA_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using)
    for group_name, codenames in role_codenames().items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        group.permissions.set(
            Permission.objects.using(using).filter(content_type__app_label__in=DATA_APPS, codename__in=codenames)
        )
