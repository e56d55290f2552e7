"""History helpers: a reason stored beside a change, reverting a record's parts, and old versions whose
related rows are gone."""

from django.core.exceptions import ObjectDoesNotExist


def save_with_reason(record, reason):
    record._change_reason = reason
    record.save()


def delete_with_reason(record, reason):
    record._change_reason = reason
    record.delete()


def joined(*texts):
    """Distinct non-empty texts, one a line: how a merge keeps the notes of both records."""
    return "\n".join(dict.fromkeys(text for text in texts if text))


def revert_reason(version):
    return f"Reverted to the version of {version.history_date:%Y-%m-%d %H:%M:%S} UTC (version {version.history_id})."


def restore_rows_as_of(model, moment, reason, **lookup):
    """Make the rows of `model` matching `lookup` what they were at `moment`: rows added since go,
    rows changed or deleted since come back as they were (with their old ids)."""
    then = {record.pk: record for record in model.history.as_of(moment).filter(**lookup)}
    for current in model.objects.filter(**lookup).exclude(pk__in=then):
        delete_with_reason(current, reason)
    for record in then.values():
        save_with_reason(record, reason)
    return list(then.values())


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
