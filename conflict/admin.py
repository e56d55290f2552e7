"""What every record's admin page shares: refusing a save made from a form opened before somebody
else's save (optimistic locking, see conflict/versions.py)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404
from simple_history.admin import SimpleHistoryAdmin

from conflict.history import revert_reason, save_with_reason
from conflict.versions import StaleEdit, check_version, current_version


class VersionedForm(forms.ModelForm):
    """Carries the version of the record it was opened at, and refuses to save over a later one."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = current_version(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        try:
            check_version(self.instance, cleaned_data.get("loaded_version"))
        except StaleEdit as stale:
            raise forms.ValidationError(stale.messages) from None
        return cleaned_data


def merge_two_selected(modeladmin, request, queryset):
    """Merge the later of exactly two selected records into the earlier one, as `merge_into` does it."""
    name = modeladmin.model._meta.verbose_name_plural
    if queryset.count() != 2:
        modeladmin.message_user(
            request, f"Select exactly two {name}: one event or tie recorded twice.", messages.WARNING
        )
        return
    target, duplicate = queryset.order_by("pk")
    try:
        reason = duplicate.merge_into(target)
    except ValueError as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return
    modeladmin.message_user(request, reason, messages.SUCCESS)


class RecordAdmin(SimpleHistoryAdmin):
    """A record's admin with history, optimistic locking, and reverts that restore a record whole."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.reverting_to = get_object_or_404(self.model.history.model, history_id=version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        version = getattr(request, "reverting_to", None)
        if version is not None:
            obj._change_reason = revert_reason(version)
            if hasattr(obj, "restore_parts_as_of"):
                obj.restore_parts_as_of(version.history_date, obj._change_reason)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        changed = [str(formset.model._meta.verbose_name_plural) for formset in formsets if formset.has_changed()]
        if change and changed:
            # A version of the record written after its parts, so that reverting to it brings them back.
            save_with_reason(form.instance, f"Changed its {', '.join(changed)}.")
