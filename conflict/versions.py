"""A record's version, for optimistic locking: the id of its latest version in history.

Every save writes a version, whoever saves (admin, API, revert, loader, shell), so an editor whose
form or API representation was read at version N can be told, on saving, that the record has moved
on since, what changed and by whom, instead of overwriting it silently.
"""

from django.core.exceptions import ValidationError


def current_version(record):
    """The id of the record's latest version in history (None for a record not saved yet)."""
    if record.pk is None:
        return None
    return record.history.order_by("-history_id").values_list("history_id", flat=True).first()


def etag(record, version=None):
    """The HTTP entity tag of the record at its current version (or `version`)."""
    return f'"{record._meta.label_lower}.{record.pk}.v{version or current_version(record)}"'


def version_from_etag(record, tag):
    """The version an If-Match header names for this record; None when it names another record."""
    prefix = f'"{record._meta.label_lower}.{record.pk}.v'
    tag = tag.strip().removeprefix("W/")
    if tag.startswith(prefix) and tag.endswith('"') and tag[len(prefix) : -1].isdigit():
        return int(tag[len(prefix) : -1])
    return None


class StaleEdit(ValidationError):
    """The record changed after the editor read it."""


def changes_since(record, version):
    """One line per version written after `version`: when, by whom, which fields."""
    later = record.history.filter(history_id__gt=version).order_by("history_id").select_related("history_user")
    lines = []
    for entry in later:
        previous = entry.prev_record
        fields = [change.field for change in entry.diff_against(previous).changes] if previous else []
        who = entry.history_user.get_username() if entry.history_user else "someone without an account (a script)"
        when = entry.history_date.strftime("%Y-%m-%d %H:%M UTC")
        what = f"changed {', '.join(fields)}" if fields else "saved it"
        lines.append(f"{who} {what} at {when}")
    return "; ".join(lines)


def check_version(record, version):
    """Raise StaleEdit, saying what changed meanwhile and by whom, unless `record` is still at `version`."""
    if version is None or record.pk is None:
        return
    if current_version(record) != int(version):
        raise StaleEdit(
            f"This {record._meta.verbose_name} was changed after you opened it: {changes_since(record, int(version))}. "
            "Nothing of yours was saved; reload it to see the changes, then make yours again."
        )
