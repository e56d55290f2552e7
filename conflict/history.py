"""Saving and deleting with a reason that django-simple-history stores beside the change."""


def save_with_reason(record, reason):
    record._change_reason = reason
    record.save()


def delete_with_reason(record, reason):
    record._change_reason = reason
    record.delete()
