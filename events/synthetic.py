"""A synthetic corpus shaped like the curated one, for measuring at scale.

`generate(incidents, seed)` writes a gazetteer, about 2,000 actors with aliases and
relationships, news sources with archived texts, and incidents with one to four roles, the
corpus's mix of date precisions and toll figures from one or two sources. Every record is backed
by a citation whose quote is a sentence of its source's text, at the offsets the text gives.

Rows are written straight into the tables (COPY on PostgreSQL, executemany elsewhere), bypassing
save() and history: the derived fields save() fills in (date bounds, tolls, quote offsets) are
computed here the same way. The same seed gives the same rows: ids, slugs and timestamps
included, counted from an empty database.
"""

import calendar
import contextlib
import csv
import datetime
import functools
import io
import random

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from actors.models import Actor, Alias, Relationship
from conflict import fuzzydates
from events import search
from events.models import Incident, Involvement, Place, TollFigure
from sources.models import Citation, Source

ACTOR_COUNT = 2000
PLACES_PER_DISTRICT = 40
INCIDENTS_PER_SOURCE = 20
BATCH = 10_000
FIRST_DAY = datetime.date(2002, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
LOADED_AT = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)

PROVINCES = {
    "Pakistan": {
        "Khyber Pakhtunkhwa": ["Peshawar", "Bannu", "Dera Ismail Khan", "Swat", "Khyber", "Bajaur", "Kurram"],
        "Balochistan": ["Quetta", "Zhob", "Chaman", "Gwadar", "Turbat", "Mastung"],
        "Federally Administered Tribal Areas": ["North Waziristan", "South Waziristan", "Mohmand", "Orakzai"],
        "Punjab": ["Lahore", "Rawalpindi", "Dera Ghazi Khan"],
        "Sindh": ["Karachi", "Hyderabad"],
    },
    "Afghanistan": {
        "Nangarhar": ["Jalalabad", "Achin", "Momand Dara", "Shinwar"],
        "Kunar": ["Asadabad", "Dangam", "Sarkano"],
        "Khost": ["Khost", "Gurbuz", "Tani"],
        "Paktika": ["Barmal", "Urgun", "Sharana"],
        "Kandahar": ["Spin Boldak", "Kandahar", "Maruf"],
        "Helmand": ["Lashkar Gah", "Garmsir"],
        "Kabul": ["Kabul", "Paghman"],
    },
}
SYLLABLES = ["ba", "dar", "gul", "kha", "mir", "na", "pur", "rah", "sha", "tar", "wal", "zai", "kot", "ab", "ghar"]
FIRST_NAMES = ["Abdul", "Noor", "Hafiz", "Mullah", "Qari", "Maulana", "Sher", "Gul", "Umar", "Khalid", "Baitullah"]
LAST_NAMES = ["Mehsud", "Wali", "Haqqani", "Khan", "Zadran", "Afridi", "Wazir", "Yousafzai", "Kakar", "Shinwari"]
GROUP_WORDS = ["Lashkar", "Jaish", "Tehrik", "Jamaat", "Harkat", "Hizb", "Ittehad", "Majlis"]
GROUP_NAMES = ["Islam", "Mujahideen", "Ahrar", "Khorasan", "Jhangvi", "Taiba", "Ansar", "Fidayeen", "Qaumi"]
PUBLISHERS = ["Dawn", "The Express Tribune", "Pajhwok", "TOLOnews", "Reuters", "Associated Press", "The News"]
VERBS = {
    Incident.Kind.SUICIDE_BOMBING: "a suicide bomber struck",
    Incident.Kind.BOMBING: "a bomb exploded near",
    Incident.Kind.ARMED_ATTACK: "gunmen attacked a checkpoint in",
    Incident.Kind.AIR_STRIKE: "jets struck hideouts in",
    Incident.Kind.DRONE_STRIKE: "a drone strike hit a compound in",
    Incident.Kind.SHELLING: "artillery shells landed in",
    Incident.Kind.BORDER_CLASH: "border forces exchanged fire near",
    Incident.Kind.HOSTAGE_TAKING: "militants abducted travellers in",
    Incident.Kind.ARREST: "security forces arrested suspects in",
    Incident.Kind.OFFENSIVE: "the army launched an operation in",
    Incident.Kind.STATEMENT: "a spokesman issued a threat against",
    Incident.Kind.TALKS: "delegations met for talks in",
}
# Shares like the curated corpus: violence first, then arrests, statements and talks.
KIND_WEIGHTS = [30, 18, 22, 5, 6, 4, 4, 3, 4, 2, 1, 1]
SPEAKERS = ["officials said", "police said", "a spokesman said", "residents said", "the military said"]
ROLE_SHARES = [
    (Involvement.Role.PERPETRATOR, 35),
    (Involvement.Role.TARGET, 25),
    (Involvement.Role.VICTIM, 10),
    (Involvement.Role.CLAIMED, 12),
    (Involvement.Role.DENIED, 5),
    (Involvement.Role.ACCUSED, 8),
    (Involvement.Role.PARTICIPANT, 5),
]
ROLE_COUNT_WEIGHTS = [25, 40, 25, 10]  # one to four roles: 2.2 a incident on average
TOLL_COUNT_WEIGHTS = [30, 25, 30, 15]  # none to three figures: 1.3 a incident on average


def date_bounds(text):
    """fuzzydates.bounds() of the forms generated here, without parsing all but the seasons (slow to parse)."""
    start, _, end = text.partition("/")
    if len(start) == 10:
        return datetime.date.fromisoformat(start), datetime.date.fromisoformat(end or start)
    if len(start) == 4:
        year = int(start)
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    year, month = int(text[:4]), int(text[5:7])
    if month > 12 or text.endswith("~"):
        return parsed_bounds(text)
    first = datetime.date(year, month, 1)
    return first, first.replace(day=calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=10_000)
def parsed_bounds(text):
    return fuzzydates.bounds(text)


class Tables:
    """Rows in each table's column order, with the model's defaults for the fields not given."""

    def __init__(self):
        self.rows = {}
        self.columns = {}

    def add(self, model, **values):
        if model not in self.columns:
            self.columns[model] = [(field.column, field.attname, self.default(field)) for field in fields_of(model)]
            self.rows[model] = []
        self.rows[model].append(tuple(values.get(attname, default) for _, attname, default in self.columns[model]))

    @staticmethod
    def default(field):
        if field.has_default():
            return field.get_default()
        return None if field.null else ""

    def write(self, models):
        with connection.cursor() as cursor:
            for model in models:
                if self.rows.get(model):
                    write_rows(cursor, model, [column for column, _, _ in self.columns[model]], self.rows[model])
                    self.rows[model] = []


def fields_of(model):
    return [field for field in model._meta.concrete_fields]


def write_rows(cursor, model, columns, rows):
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    if connection.vendor == "postgresql":
        # CSV quotes every value that is not a number, None too (as ""): nullable columns read "" as NULL.
        buffer = io.StringIO()
        csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
        buffer.seek(0)
        nullable = ", ".join(connection.ops.quote_name(field.column) for field in fields_of(model) if field.null)
        options = f"FORMAT csv, FORCE_NULL ({nullable})" if nullable else "FORMAT csv"
        cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN WITH ({options})", buffer)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


class SourceText:
    """A source's text growing sentence by sentence; each sentence's offsets are kept for its quotes."""

    def __init__(self):
        self.parts, self.length = [], 0

    def sentence(self, text):
        start = self.length + (1 if self.parts else 0)
        self.parts.append(text)
        self.length = start + len(text)
        return text, start, self.length

    def text(self):
        return " ".join(self.parts)


class Generator:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.tables = Tables()
        self.ids = {}
        self.types = {model: ContentType.objects.get_for_model(model).pk for model in CITED}
        self.clock = 0

    def next_id(self, model):
        self.ids[model] = self.ids.get(model, 0) + 1
        return self.ids[model]

    def stamp(self):
        self.clock += 1
        return LOADED_AT + datetime.timedelta(seconds=self.clock)

    def name(self, syllables=3):
        return "".join(self.random.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def cite(self, record_model, record_id, source_id, quoted, speaker=""):
        quote, start, end = quoted
        self.tables.add(
            Citation,
            id=self.next_id(Citation),
            source_id=source_id,
            quote=quote,
            speaker=speaker,
            start=start,
            end=end,
            content_type_id=self.types[record_model],
            object_id=record_id,
            updated=self.stamp(),
        )

    def source(self, text, published, title):
        source_id = self.next_id(Source)
        earliest, latest = date_bounds(published)
        self.tables.add(
            Source,
            id=source_id,
            slug=f"synthetic-{source_id:06d}",
            title=title,
            kind=Source.Kind.NEWS,
            publisher=self.random.choice(PUBLISHERS),
            published=published,
            published_earliest=earliest,
            published_latest=latest,
            text=text,
            updated=self.stamp(),
        )
        return source_id

    def reference_data(self):
        """Gazetteer, actors, aliases and relationships, each cited from a handful of reference sources."""
        text = SourceText()
        cited = []  # (model, id, quoted) to cite once the source has an id
        self.places = []
        for country, provinces in PROVINCES.items():
            country_id = self.place(country, Place.Kind.COUNTRY, None, text, cited)
            for province, districts in provinces.items():
                province_id = self.place(province, Place.Kind.PROVINCE, country_id, text, cited)
                for district in districts:
                    district_id = self.place(district, Place.Kind.DISTRICT, province_id, text, cited)
                    for _ in range(PLACES_PER_DISTRICT):
                        self.places.append(
                            (self.place(self.name(), Place.Kind.PLACE, district_id, text, cited), district)
                        )
        self.actors = [self.actor(number, text, cited) for number in range(ACTOR_COUNT)]
        for number in range(1, ACTOR_COUNT):
            self.relationship(number, text, cited)
        source_id = self.source(text.text(), "2025-12", "Synthetic gazetteer and actor register")
        for model, record_id, quoted in cited:
            self.cite(model, record_id, source_id, quoted)
        self.tables.write([Source, Place, Actor, Alias, Relationship, Citation])

    def place(self, name, kind, parent_id, text, cited):
        place_id = self.next_id(Place)
        latitude = round(self.random.uniform(25.0, 37.0), 5)
        longitude = round(self.random.uniform(61.0, 75.0), 5)
        self.tables.add(
            Place,
            id=place_id,
            slug=f"{name.lower().replace(' ', '-')}-{place_id}",
            name=name,
            kind=kind,
            parent_id=parent_id,
            latitude=latitude,
            longitude=longitude,
            precision={"country": "country", "province": "province", "district": "district"}.get(kind, "settlement"),
        )
        cited.append((Place, place_id, text.sentence(f"{name} lies at {latitude}, {longitude}.")))
        return place_id

    def actor(self, number, text, cited):
        actor_id = self.next_id(Actor)
        if number % 3 == 0:
            name, kind = f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)} {number}", "person"
        else:
            group = f"{self.random.choice(GROUP_WORDS)}-e-{self.random.choice(GROUP_NAMES)}"
            name, kind = f"{group} {self.name(2)}", self.random.choice(["armed_group", "armed_group", "faction"])
        self.tables.add(
            Actor,
            id=actor_id,
            slug=f"actor-{actor_id}",
            name=name,
            kind=kind,
            description=f"{name} is named in the reports.",
            updated=self.stamp(),
        )
        alias = "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper()) + str(number)
        self.tables.add(Alias, id=self.next_id(Alias), actor_id=actor_id, name=alias)
        cited.append((Actor, actor_id, text.sentence(f"{name}, also known as {alias}, is active in the region.")))
        return actor_id, name

    def relationship(self, number, text, cited):
        subject_id, subject = self.actors[number]
        object_id, obj = self.actors[self.random.randrange(0, number)]
        kind = self.random.choice(
            [Relationship.Kind.SPLINTER_OF, Relationship.Kind.ALLY_OF, Relationship.Kind.MEMBER_OF]
        )
        start = str(self.random.randint(2002, 2024))
        valid_from, valid_until = date_bounds(start)[0], None  # as Relationship.date_bounds(): open-ended
        relationship_id = self.next_id(Relationship)
        self.tables.add(
            Relationship,
            id=relationship_id,
            slug=f"actor-{subject_id}-{kind}-actor-{object_id}-{start}",
            subject_id=subject_id,
            kind=kind,
            object_id=object_id,
            start=start,
            valid_from=valid_from,
            valid_until=valid_until,
            updated=self.stamp(),
        )
        cited.append((Relationship, relationship_id, text.sentence(f"{subject} is {kind.label} {obj} since {start}.")))

    def incidents(self, count, progress):
        span = (LAST_DAY - FIRST_DAY).days
        kinds = list(VERBS)
        for first in range(0, count, BATCH):
            numbers = range(first, min(first + BATCH, count))
            for block in range(numbers.start, numbers.stop, INCIDENTS_PER_SOURCE):
                self.source_block(range(block, min(block + INCIDENTS_PER_SOURCE, numbers.stop)), count, span, kinds)
            self.tables.write([Source, Incident, Involvement, TollFigure, Citation])
            progress(len(numbers))

    def source_block(self, numbers, count, span, kinds):
        """One news source and the incidents it reports, with a second source giving other tolls."""
        news, second = SourceText(), SourceText()
        cited, tolls = [], []
        last_day = FIRST_DAY
        for number in numbers:
            day = FIRST_DAY + datetime.timedelta(days=min(span, number * span // count + self.random.randint(0, 3)))
            last_day = max(last_day, day)
            self.incident(number, day, self.random.choices(kinds, KIND_WEIGHTS)[0], news, second, cited, tolls)
        published = (last_day + datetime.timedelta(days=1)).isoformat()
        news_id = self.source(news.text(), published, f"Round-up of incidents to {published}")
        second_id = self.source(second.text(), published, f"Casualty report to {published}")
        by_text = {"news": news_id, "second": second_id}
        for incident_id, text_name, measure, low, high, as_printed, quoted in tolls:
            self.tables.add(
                TollFigure,
                id=self.next_id(TollFigure),
                incident_id=incident_id,
                source_id=by_text[text_name],
                measure=measure,
                low=low,
                high=high,
                as_printed=as_printed,
            )
            cited.append((TollFigure, self.ids[TollFigure], text_name, quoted))
        for model, record_id, text_name, quoted in cited:
            self.cite(model, record_id, by_text[text_name], quoted)

    def incident(self, number, day, kind, news, second, cited, tolls):
        incident_id = self.next_id(Incident)
        place_id, district = self.random.choice(self.places)
        date = self.date(day)
        earliest, latest = date_bounds(date)
        roles = self.roles()
        actor_names = [self.actors[actor][1] for actor, _ in roles]
        summary = f"{VERBS[kind].capitalize()} {district}; {actor_names[0]} is named in the reports."
        quoted = news.sentence(f"In {district}, {VERBS[kind]} the area, {self.random.choice(SPEAKERS)} (#{number}).")
        stamp = self.stamp()
        self.tables.add(
            Incident,
            id=incident_id,
            slug=f"{day.isoformat()}-{kind.replace('_', '-')}-{district.lower().replace(' ', '-')}-{number}",
            title=f"{kind.label} in {district}",
            kind=kind,
            summary=summary,
            date=date,
            date_earliest=earliest,
            date_latest=latest,
            place_id=place_id,
            created=stamp,
            updated=stamp,
        )
        cited.append((Incident, incident_id, "news", quoted))
        for (actor, role), name in zip(roles, actor_names, strict=True):
            involvement_id = self.next_id(Involvement)
            self.tables.add(
                Involvement, id=involvement_id, incident_id=incident_id, actor_id=self.actors[actor][0], role=role
            )
            if role in Involvement.CONTESTED_ROLES:
                cited.append(
                    (Involvement, involvement_id, "news", news.sentence(f"{name} {role} the attack (#{number})."))
                )
            else:
                cited.append((Involvement, involvement_id, "news", quoted))
        self.incident_tolls(incident_id, number, {"news": news, "second": second}, tolls)

    def incident_tolls(self, incident_id, number, texts, tolls):
        figures = self.random.choices(range(4), TOLL_COUNT_WEIGHTS)[0]
        killed = self.random.randint(0, 40)
        for index in range(figures):
            measure = TollFigure.Measure.KILLED if index < 2 else TollFigure.Measure.INJURED
            text_name = "news" if index != 1 else "second"
            if index == 1 and self.random.random() < 0.3:
                low, high, as_printed = killed + 1, None, f"more than {killed}"
            else:
                low = high = killed + index
                as_printed = str(low)
            quoted = texts[text_name].sentence(f"{as_printed.capitalize()} people were {measure} (#{number}).")
            tolls.append((incident_id, text_name, measure, low, high, as_printed, quoted))
        self.update_tolls(incident_id, tolls)

    def update_tolls(self, incident_id, tolls):
        """The killed and injured ranges, as Incident.update_tolls() derives them from the figures."""
        row = self.tables.rows[Incident][-1]
        columns = [attname for _, attname, _ in self.tables.columns[Incident]]
        values = dict(zip(columns, row, strict=True))
        for measure in TollFigure.Measure:
            figures = [toll for toll in tolls if toll[0] == incident_id and toll[2] == measure]
            if figures:
                values[f"{measure}_min"] = min(toll[3] for toll in figures)
                open_ended = any(toll[4] is None for toll in figures)
                values[f"{measure}_max"] = None if open_ended else max(toll[4] for toll in figures)
        self.tables.rows[Incident][-1] = tuple(values[column] for column in columns)

    def date(self, day):
        """An EDTF date in the corpus's mix: mostly days, then months, years, approximations, seasons, ranges."""
        pick = self.random.random()
        if pick < 0.55:
            return day.isoformat()
        if pick < 0.75:
            return day.strftime("%Y-%m")
        if pick < 0.83:
            return str(day.year)
        if pick < 0.90:
            return day.strftime("%Y-%m") + "~"
        if pick < 0.94:
            return f"{day.year}-{21 + (day.month - 1) // 3}"
        end = day + datetime.timedelta(days=self.random.randint(2, 40))
        return f"{day.isoformat()}/{end.isoformat()}"

    def roles(self):
        count = self.random.choices(range(1, 5), ROLE_COUNT_WEIGHTS)[0]
        actors = self.random.sample(range(len(self.actors)), count)
        roles = [role for role, _ in ROLE_SHARES]
        weights = [weight for _, weight in ROLE_SHARES]
        return [(actor, self.random.choices(roles, weights)[0]) for actor in actors]

    def reset_sequences(self):
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model in self.ids:
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


CITED = [Place, Actor, Relationship, Incident, Involvement, TollFigure]


@contextlib.contextmanager
def indexes_built_after(models):
    """PostgreSQL: without the full-text and other secondary indexes of these tables while loading,
    built once afterwards, which is much faster than keeping them up row by row."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.schema_editor() as editor:
        search.drop_index(editor)
        indexes = drop_secondary_indexes(models)
        yield
        for definition in indexes:
            editor.execute(definition)
        search.create_index(editor)


def drop_secondary_indexes(models):
    """Drop the indexes of these tables that back no constraint; return how to recreate them."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint) AND indexname NOT LIKE '%%_search'",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    return [definition for _, definition in indexes]


def skip_foreign_key_triggers():
    """On PostgreSQL, skip the per-row foreign key checks for this transaction: the rows are consistent
    by construction, and millions of queued checks would take longer than the load."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")


def generate(incidents, seed, progress=lambda done: None):
    """Write the synthetic corpus into an empty database, in one transaction."""
    if Incident.objects.exists() or Actor.objects.exists():
        raise ValueError("The database already holds incidents or actors: generate into an empty one.")
    generator = Generator(seed)
    with transaction.atomic(), indexes_built_after([Incident, Involvement, TollFigure, Citation, Source]):
        skip_foreign_key_triggers()
        generator.reference_data()
        generator.incidents(incidents, progress)
        generator.reset_sequences()
    return dict(generator.ids.items())
