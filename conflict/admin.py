"""What every record's admin page shares: refusing a save made from a form opened before somebody
else's save (optimistic locking, see conflict/versions.py)."""

from django import forms
from simple_history.admin import SimpleHistoryAdmin

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


class RecordAdmin(SimpleHistoryAdmin):
    """A record's admin with history and optimistic locking."""

    form = VersionedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return [*fieldsets, (None, {"fields": ["loaded_version"], "classes": ["hidden"]})]
