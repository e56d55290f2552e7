"""Benchmark helper, not part of the application: grows a loaded corpus into a large one by cloning
its incidents (with their roles and citations) `copies` times, in bulk.

Clones keep their original's date, place, actors and quoted sources, with slugs ending in
`-copy-<n>`, so every page, filter and export sees realistic rows. Rows go in through
bulk_create (no history, no save()): the fields save() derives are copied as they are."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from events.models import Incident, Involvement
from sources.models import Citation

BATCH = 2000


def cited(model, ids):
    content_type = ContentType.objects.get_for_model(model)
    citations = {}
    for citation in Citation.objects.filter(content_type=content_type, object_id__in=ids):
        citations.setdefault(citation.object_id, []).append(citation)
    return content_type, citations


def copy_of(record, **changes):
    fields = {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}
    fields.pop("id")
    return type(record)(**fields | changes)


def clone_citations(originals, clones, content_type):
    return [
        copy_of(citation, content_type_id=content_type.pk, object_id=clone.pk)
        for original, clone in zip(originals, clones, strict=True)
        for citation in original
    ]


@transaction.atomic
def grow(copies):
    originals = list(Incident.objects.exclude(slug__contains="-copy-").order_by("pk"))
    involvements = {}
    for involvement in Involvement.objects.filter(incident__in=originals):
        involvements.setdefault(involvement.incident_id, []).append(involvement)
    incident_type, incident_citations = cited(Incident, [incident.pk for incident in originals])
    involvement_ids = [item.pk for items in involvements.values() for item in items]
    involvement_type, involvement_citations = cited(Involvement, involvement_ids)
    for copy in range(1, copies + 1):
        clones = Incident.objects.bulk_create(
            [copy_of(incident, slug=f"{incident.slug}-copy-{copy}") for incident in originals], batch_size=BATCH
        )
        roles, role_originals = [], []
        for original, clone in zip(originals, clones, strict=True):
            for involvement in involvements.get(original.pk, []):
                roles.append(copy_of(involvement, incident_id=clone.pk))
                role_originals.append(involvement_citations.get(involvement.pk, []))
        roles = Involvement.objects.bulk_create(roles, batch_size=BATCH)
        Citation.objects.bulk_create(
            clone_citations([incident_citations.get(incident.pk, []) for incident in originals], clones, incident_type)
            + clone_citations(role_originals, roles, involvement_type),
            batch_size=BATCH,
        )
    return Incident.objects.count()
