"""Content checksums per table that do not depend on primary keys: rows are compared by what they
say, every link by the natural key of the row it points to."""

import hashlib

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

RECORD_APPS = ("sources", "actors", "events")
STAMPS = {"id", "updated", "created"}


def natural_key(record):
    if hasattr(record, "slug"):
        return record.slug
    return content(record)


def content(record):
    values = []
    for field in record._meta.concrete_fields:
        if field.name in STAMPS or field.name in ("content_type", "object_id"):
            continue
        if field.is_relation:
            related = getattr(record, field.name)
            values.append((field.name, None if related is None else natural_key(related)))
        else:
            values.append((field.name, str(getattr(record, field.attname))))
    if hasattr(record, "content_type_id"):
        model = ContentType.objects.get_for_id(record.content_type_id).model_class()
        values.append(("record", model._meta.label, natural_key(model.objects.get(pk=record.object_id))))
    return tuple(values)


def table_checksums():
    """{model label: sha256 of its rows' contents, in sorted order}, for the record apps' tables."""
    checksums = {}
    for app in RECORD_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label.split(".")[1].startswith("Historical"):
                continue
            rows = sorted(repr(content(record)) for record in model.objects.all())
            checksums[model._meta.label] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return checksums
