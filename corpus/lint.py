"""Linting the curated corpus (fixtures/): findings a careful reader would raise against a record.

The linter reads the article files as the loader does, without touching the database, and checks
the rules of docs/codebook.md (section 17) that words can check:

- ``unattributed-quote``: a quote with reporting words ("said", "told", "accused", "according to",
  quotation marks) and no speaker;
- ``perpetrator-without-doer``: a ``perpetrator`` none of whose quotes names the actor;
- ``date-finer-than-quotes``: a date more precise than every date its quotes (or its article's
  date, for "last week", "recently") give;
- ``split-relationship``: one pair and kind (and office) over several rows whose periods overlap;
- ``merged-periods``: one row whose sources describe periods that do not meet (one ends before
  another starts or is attested): each period needs a row of its own (its own ``slug``).

Deliberate exceptions are listed, each with its reason, in ``corpus/lint_exceptions.yaml`` (not in
fixtures/, which holds only what dump_corpus writes); an exception that no longer matches anything
is itself a finding, so the list stays true.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from actors.models import Relationship
from conflict import fuzzydates

REPORTING_WORDS = re.compile(
    r"\b(said|says|say|saying|told|tells|accused|accuses|accusing|according to|claimed|claims|stated|quoted"
    r"|suggest|suggests|suggesting|confirmed|acknowledged|noted|condemned|stressed|urged|called on|rejected|denied"
    r"|reportedly|believed|announced|threaten|threatens|threatened|promised|vowed|warned|insisted|dubs?|hailed)\b"
    r"|[“”\"]",
    re.IGNORECASE,
)

# How coarse a date is, finest first; a record's date may not sit left of its quotes'.
LEVELS = ["day", "month", "season", "year", "decade", "vague"]

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Absolute expressions: the level they pin a date to.
ABSOLUTE = [
    ("day", re.compile(rf"\b(({MONTHS}) \d{{1,2}}\b|\d{{1,2}} ({MONTHS})\b)")),
    ("month", re.compile(rf"\b({MONTHS})\b")),
    ("season", re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(19|20)\d\d\b")),
    ("decade", re.compile(r"\b(19|20)\d0s\b")),
]
# Relative expressions: as fine as they say, but never finer than the article's own date.
RELATIVE = [
    ("day", re.compile(rf"\b(today|tonight|yesterday|now|last week|this week|({WEEKDAYS}))\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(this month|last month|earlier this month|recent weeks)\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(this year|last year|recent|recently)\b", re.IGNORECASE)),
]
EXCEPTIONS = Path(__file__).with_name("lint_exceptions.yaml")
EXCEPTIONS_FILE = EXCEPTIONS.name


@dataclass(frozen=True)
class Finding:
    rule: str
    file: str
    record: str
    message: str

    def __str__(self):
        return f"{self.file}: {self.rule}: {self.record}: {self.message}"


def lint_directory(directory, exceptions_path=EXCEPTIONS):
    """The findings for the corpus in `directory`, less the exceptions listed in `exceptions_path`."""
    directory = Path(directory)
    articles = []
    for path in sorted((directory / "articles").glob("*.yaml")):
        with open(path, encoding="utf-8") as stream:
            articles.append((path.name, yaml.safe_load(stream) or {}))
    exceptions = []
    if Path(exceptions_path).exists():
        with open(exceptions_path, encoding="utf-8") as stream:
            exceptions = yaml.safe_load(stream) or []
    return apply_exceptions(lint(articles), exceptions)


def lint(articles):
    """Every finding for `articles`, a list of (file name, parsed article file)."""
    names = actor_names(articles)
    findings = []
    for name, data in articles:
        published = (data.get("source") or {}).get("published", "")
        for label, entry in records(data):
            findings += quote_findings(name, label, entry.get("cite") or [])
            findings += date_findings(name, label, entry, published)
            if entry.get("role") == "perpetrator":
                findings += doer_findings(name, label, entry, names)
    findings += split_findings(articles)
    findings += merged_period_findings(articles)
    return findings


def apply_exceptions(findings, exceptions):
    """Drop the findings an exception lists; an exception matching none becomes a finding."""
    listed = {(exception["rule"], exception["record"]) for exception in exceptions if exception.get("reason")}
    found = {(finding.rule, finding.record) for finding in findings}
    kept = [finding for finding in findings if (finding.rule, finding.record) not in listed]
    kept += [
        Finding(exception["rule"], EXCEPTIONS_FILE, exception["record"], "gives no reason")
        for exception in exceptions
        if not exception.get("reason")
    ]
    kept += [
        Finding(rule, EXCEPTIONS_FILE, record, "an exception that matches no finding")
        for rule, record in sorted(listed - found)
    ]
    return kept


def records(data):
    """(label, entry) for every record of an article file that carries citations and dates."""
    for entry in data.get("actors") or []:
        yield f"actor {entry['slug']}", entry
    for entry in data.get("places") or []:
        yield f"place {entry['slug']}", entry
    for entry in data.get("relationships") or []:
        yield f"relationship {relationship_key(entry)}", entry
    for incident in data.get("incidents") or []:
        yield f"incident {incident['slug']}", incident
        for toll in incident.get("tolls") or []:
            yield f"toll {incident['slug']} {toll['measure']} {toll['as_printed']}", toll
        for involvement in incident.get("involvements") or []:
            yield f"involvement {incident['slug']} {involvement['actor']} {involvement['role']}", involvement


def citations(entries):
    for entry in entries:
        yield {"quote": entry} if isinstance(entry, str) else entry


def quote_findings(name, label, entries):
    return [
        Finding("unattributed-quote", name, f"{label}: {citation['quote']}", "reports words but names no speaker")
        for citation in citations(entries)
        if not citation.get("speaker") and REPORTING_WORDS.search(citation["quote"])
    ]


def actor_names(articles):
    """Each actor slug's name and aliases, from every file."""
    names = defaultdict(set)
    for _, data in articles:
        for entry in data.get("actors") or []:
            names[entry["slug"]] |= {str(entry.get("name") or entry["slug"]), *map(str, entry.get("aliases") or [])}
    return names


def doer_findings(name, label, entry, names):
    words = names.get(entry["actor"], set())
    for citation in citations(entry.get("cite") or []):
        if any(word.lower() in citation["quote"].lower() for word in words):
            return []
    return [Finding("perpetrator-without-doer", name, label, "no quote names the actor as the doer")]


def level_of(date):
    """How coarse an EDTF date is; a closed range by its span, an open one by its known end."""
    if "/" not in date:
        return fuzzydates.precision(date)
    ends = [end for end in date.split("/") if end not in ("", "..")]
    if len(ends) < 2:
        return fuzzydates.precision(ends[0]) if ends else "vague"
    earliest, latest = fuzzydates.bounds(date)
    span = (latest - earliest).days
    for level, days in (("day", 0), ("month", 31), ("season", 92), ("year", 366), ("decade", 3653)):
        if span <= days:
            return level
    return "vague"


def quote_level(quote, published):
    """The finest level a date in `quote` reaches (None when it gives none)."""
    found = [level for level, pattern in ABSOLUTE if pattern.search(quote)]
    published_level = level_of(published) if published else "vague"
    for level, pattern in RELATIVE:
        if pattern.search(quote):
            found.append(max(level, published_level, key=LEVELS.index))
    return min(found, key=LEVELS.index) if found else None


def date_findings(name, label, entry, published):
    # A tie said to hold in the present tense is attested on the article's own date.
    dates = [entry.get(field) for field in ("date", "start", "end")]
    dates = [date for date in [*dates, entry.get("attested") if entry.get("attested") != published else ""] if date]
    if not dates:
        return []
    quotes = [citation["quote"] for citation in citations(entry.get("cite") or [])]
    levels = [level for level in (quote_level(quote, published) for quote in quotes) if level]
    # With no date in any quote, the present tense of the article is the only support.
    allowed = min(levels, key=LEVELS.index) if levels else (level_of(published) if published else "vague")
    return [
        Finding("date-finer-than-quotes", name, label, f"{date} is finer than its quotes' dates ({allowed})")
        for date in dates
        if LEVELS.index(level_of(date)) < LEVELS.index(allowed)
    ]


def relationship_key(entry):
    """subject-kind-object[-office]: the one record a pair and kind should have."""
    return Relationship.default_slug(entry["subject"], entry["kind"], entry["object"], entry.get("office", ""))


def relationship_period(entry):
    start, end = entry.get("start"), entry.get("end")
    if start or end:
        return fuzzydates.bounds(start)[0], fuzzydates.bounds(end)[1]
    return fuzzydates.bounds(entry["attested"]) if entry.get("attested") else (None, None)


def overlap(first, second):
    (first_from, first_to), (second_from, second_to) = first, second
    return (first_to is None or second_from is None or first_to >= second_from) and (
        second_to is None or first_from is None or second_to >= first_from
    )


def split_findings(articles):
    """A pair and kind given as several rows (explicit slugs) whose periods overlap."""
    rows = defaultdict(dict)  # key -> row slug -> (file, period)
    for name, data in articles:
        for entry in data.get("relationships") or []:
            key = relationship_key(entry)
            rows[key].setdefault(entry.get("slug") or key, (name, relationship_period(entry)))
    findings = []
    for key, by_slug in rows.items():
        slugs = sorted(by_slug)
        for index, slug in enumerate(slugs):
            for other in slugs[index + 1 :]:
                if overlap(by_slug[slug][1], by_slug[other][1]):
                    findings.append(
                        Finding(
                            "split-relationship",
                            by_slug[other][0],
                            f"relationship {key}",
                            f"rows {slug} and {other} describe overlapping periods: make them one record",
                        )
                    )
    return findings


def merged_period_findings(articles):
    """One row whose entries, one with a start or end, describe periods that do not meet."""
    entries = defaultdict(list)  # row slug -> [(file, entry)]
    for name, data in articles:
        for entry in data.get("relationships") or []:
            entries[entry.get("slug") or relationship_key(entry)].append((name, entry))
    findings = []
    for slug, rows in entries.items():
        for index, (name, entry) in enumerate(rows):
            for other_name, other in rows[index + 1 :]:
                bounded = any(row.get("start") or row.get("end") for row in (entry, other))
                if bounded and not overlap(relationship_period(entry), relationship_period(other)):
                    findings.append(
                        Finding(
                            "merged-periods",
                            other_name,
                            f"relationship {slug}",
                            f"{name} and {other_name} describe periods that do not meet: give each its own slug",
                        )
                    )
    return findings
