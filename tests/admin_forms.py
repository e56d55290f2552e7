"""Helpers to post admin pages the way a browser does: main form plus every inline formset."""

from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def inline_rows(prefix, rows, initial=0):
    """POST data for one inline formset holding `rows` (dicts of field values)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def inline_prefixes(response):
    """The prefix of each inline formset on an admin add or change page, by model name."""
    return {
        inline.formset.model._meta.model_name: inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
    }


def page_form_data(client, url, fields, inlines=None):
    """The data a browser posts from `url`: `fields`, plus each inline with the given rows (else empty)."""
    prefixes = inline_prefixes(client.get(url))
    data = dict(fields)
    for model_name, prefix in prefixes.items():
        data.update(inline_rows(prefix, (inlines or {}).get(model_name, [])))
    return data


def form_errors(response):
    """Every error message on an admin form page: main form and inlines, as one string."""
    messages = [str(error) for errors in response.context["adminform"].form.errors.values() for error in errors]
    for inline in response.context["inline_admin_formsets"]:
        for form_errors in inline.formset.errors:
            messages += [str(error) for errors in form_errors.values() for error in errors]
        messages += [str(error) for error in inline.formset.non_form_errors()]
    return " ".join(messages)


def current_form_data(response):
    """What a browser posts back from an admin change page left as it is: every field of the main form
    and of every inline row (hidden ones included), with the management forms."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):  # a revert page has none
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        forms += inline.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data
