"""History helpers: a reason stored beside a change, and old versions whose related rows are gone."""

from django.core.exceptions import ObjectDoesNotExist


def save_with_reason(record, reason):
    record._change_reason = reason
    record.save()


def delete_with_reason(record, reason):
    record._change_reason = reason
    record.delete()


def related_or_last_known(record, field_name):
    """The row a foreign key points to or, if it has been deleted since (an old version points to an
    actor merged away, say), its last state on record, so that old versions still read."""
    try:
        return getattr(record, field_name)
    except ObjectDoesNotExist:
        field = record._meta.get_field(field_name)
        pk = getattr(record, field.attname)
        last = field.related_model.history.filter(**{field.target_field.attname: pk}).order_by("-history_date")
        return last.first().instance if last.exists() else field.related_model(pk=pk)
