import re

from django.db import migrations, models


def find_quote(text, quote):
    words = re.sub(r"\s+", " ", quote).strip().split(" ")
    match = re.search(r"\s+".join(re.escape(word) for word in words), text) if words[0] else None
    return (match.start(), match.end()) if match else None


def locate_every_citation(apps, schema_editor):
    """Give each citation its position; refuse to migrate while a quote is not in its source's text."""
    Citation = apps.get_model("sources", "Citation")
    HistoricalCitation = apps.get_model("sources", "HistoricalCitation")
    Source = apps.get_model("sources", "Source")
    texts = dict(Source.objects.values_list("pk", "text"))
    lost = []
    for citation in Citation.objects.filter(models.Q(start__isnull=True) | models.Q(end__isnull=True)):
        position = find_quote(texts.get(citation.source_id, ""), citation.quote)
        if position is None:
            lost.append(f"citation {citation.pk}: {citation.quote[:80]!r}")
            continue
        citation.start, citation.end = position
        citation.save(update_fields=["start", "end"])
    if lost:
        raise RuntimeError("Fix or delete these citations, whose quotes are not in their source: " + "; ".join(lost))
    # Old versions keep whatever position their quote has in the text now (0 when it has none).
    for version in HistoricalCitation.objects.filter(models.Q(start__isnull=True) | models.Q(end__isnull=True)):
        version.start, version.end = find_quote(texts.get(version.source_id, ""), version.quote) or (0, 0)
        version.save(update_fields=["start", "end"])


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_source_curation_note"),
    ]

    operations = [
        migrations.RunPython(locate_every_citation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="citation",
            name="start",
            field=models.PositiveIntegerField(
                editable=False, help_text="Character offset of the quote in the source text; found on every save."
            ),
        ),
        migrations.AlterField(
            model_name="citation",
            name="end",
            field=models.PositiveIntegerField(editable=False),
        ),
        migrations.AlterField(
            model_name="historicalcitation",
            name="start",
            field=models.PositiveIntegerField(
                editable=False, help_text="Character offset of the quote in the source text; found on every save."
            ),
        ),
        migrations.AlterField(
            model_name="historicalcitation",
            name="end",
            field=models.PositiveIntegerField(editable=False),
        ),
        migrations.AddConstraint(
            model_name="citation",
            constraint=models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="citation_position_in_text"),
        ),
    ]
