"""Ours against Datasette on the same questions over the same rows, with the bare SQL as the floor.

    .venv/bin/python bench/compare.py --incidents 1000000 [--reuse] [--duration 10]

1. Loads the synthetic corpus into PostgreSQL (database conflict_i16_bench: migrate, then
   generate_synthetic, timed), unless --reuse.
2. Copies the rows Datasette's questions read (incidents, roles, actors, aliases, places, toll
   figures) into SQLite, with indexes on the filtered columns and FTS5 on titles and summaries,
   and serves it with Datasette (immutable, facet suggestions off).
3. Serves ours with the production command: gunicorn, 2 workers, DJANGO_ENV=production.
4. Asks both each question with `wrk -t2 -c8` (the same settings), samples the gunicorn workers'
   memory meanwhile, and times the bare SQL of each question through psycopg as the floor.
5. Prints one table and saves it, with the raw numbers, under bench/results/.
"""

import argparse
import datetime
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
DATABASE = "conflict_i16_bench"
PG = "postgres://postgres@127.0.0.1:5432"
OURS, THEIRS = 8160, 8161
SQLITE = Path("/tmp/conflict_i16_bench.sqlite3")
SQLITE_TABLES = {
    "events_incident": "id, slug, title, kind, summary, date, date_earliest, date_latest, place_id, crossing_id, "
    "killed_min, killed_max, injured_min, injured_max, updated",
    "events_involvement": "id, incident_id, actor_id, role",
    "actors_actor": "id, slug, name, kind",
    "actors_alias": "id, actor_id, name",
    "events_place": "id, slug, name, kind, parent_id, latitude, longitude",
    "events_tollfigure": "id, incident_id, source_id, measure, low, high, as_printed",
}
SQLITE_INDEXES = [
    "CREATE UNIQUE INDEX incident_slug ON events_incident (slug)",
    "CREATE INDEX incident_kind ON events_incident (kind, date_latest)",
    "CREATE INDEX incident_date_latest ON events_incident (date_latest)",
    "CREATE INDEX incident_date_earliest ON events_incident (date_earliest)",
    "CREATE INDEX involvement_actor ON events_involvement (actor_id, incident_id)",
    "CREATE INDEX involvement_incident ON events_involvement (incident_id)",
    "CREATE INDEX tollfigure_incident ON events_tollfigure (incident_id)",
    "CREATE VIRTUAL TABLE events_incident_fts USING fts5(title, summary, content='events_incident', "
    "content_rowid='id')",
    "INSERT INTO events_incident_fts (events_incident_fts) VALUES ('rebuild')",
]


def environment(**extra):
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DATABASE}",
        "DJANGO_ENV": "production",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-deployment",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        **extra,
    }


def manage(*arguments):
    subprocess.run([VENV / "python", "manage.py", *arguments], cwd=ROOT, env=environment(), check=True)


def load(incidents, seed):
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    manage("migrate", "-v0")
    started = time.monotonic()
    manage("generate_synthetic", "--incidents", str(incidents), "--seed", str(seed))
    generated = time.monotonic() - started
    connection = psycopg2.connect(f"{PG}/{DATABASE}")
    connection.autocommit = True
    connection.cursor().execute("VACUUM ANALYZE")
    connection.close()
    return generated


def copy_to_sqlite():
    started = time.monotonic()
    SQLITE.unlink(missing_ok=True)
    target = sqlite3.connect(SQLITE)
    source = psycopg2.connect(f"{PG}/{DATABASE}")
    for table, columns in SQLITE_TABLES.items():
        target.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, {columns.removeprefix('id, ')})")
        cursor = source.cursor(name=f"copy_{table}")
        cursor.itersize = 50_000
        cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")
        marks = ", ".join("?" * len(columns.split(", ")))
        while rows := cursor.fetchmany(50_000):
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", [tuple(map(plain, row)) for row in rows])
        cursor.close()
    for statement in SQLITE_INDEXES:
        target.execute(statement)
    target.commit()
    target.execute("ANALYZE")
    target.close()
    source.close()
    return time.monotonic() - started


def plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if value is not None and not isinstance(value, int | float | str):
        return float(value)
    return value


def start_servers():
    ours = subprocess.Popen(
        [VENV / "gunicorn", "conflict.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{OURS}", "--no-control-socket"],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=open("/tmp/conflict_i16_gunicorn.log", "w"),  # noqa: SIM115
    )
    theirs = subprocess.Popen(
        [VENV / "datasette", "serve", "-i", str(SQLITE), "-p", str(THEIRS), "--setting", "suggest_facets", "off"],
        stdout=subprocess.DEVNULL,
        stderr=open("/tmp/conflict_i16_datasette.log", "w"),  # noqa: SIM115
    )
    return ours, theirs


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=30).read()
            return
        except Exception:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def parameters():
    """Concrete values for the questions, picked from the data so that both servers answer the same."""
    connection = psycopg2.connect(f"{PG}/{DATABASE}")
    cursor = connection.cursor()
    cursor.execute(
        "SELECT slug, id FROM events_incident ORDER BY id OFFSET (SELECT count(*) / 2 FROM events_incident) LIMIT 1"
    )
    slug, incident_id = cursor.fetchone()
    cursor.execute(
        "SELECT actor_id, a.slug FROM events_involvement JOIN actors_actor a ON a.id = actor_id "
        "GROUP BY actor_id, a.slug ORDER BY count(*) DESC OFFSET 500 LIMIT 1"
    )
    actor_id, actor_slug = cursor.fetchone()
    # The day from which about 10,000 (and 100,000) incidents of any kind are dated: the CSV questions.
    days = {}
    for rows in (10_000, 100_000):
        cursor.execute(
            "SELECT date_latest FROM events_incident WHERE date_latest IS NOT NULL ORDER BY date_latest DESC "
            "OFFSET LEAST(%s, (SELECT count(*) - 1 FROM events_incident WHERE date_latest IS NOT NULL)) LIMIT 1",
            [rows],
        )
        days[rows] = cursor.fetchone()[0].isoformat()
    connection.close()
    return {
        "slug": slug,
        "incident_id": incident_id,
        "actor_id": actor_id,
        "actor_slug": actor_slug,
        "kind": "bombing",
        "since": "2024-01-01",
        "actor_since": "2020-01-01",
        "word": "barmal",
        "csv_since": days[10_000],
        "csv_100k_since": days[100_000],
    }


def questions(p):
    """(name, our path, Datasette's path, the bare SQL of the question with its parameters)."""
    db = "/conflict_i16_bench"
    return [
        (
            "kind since a date",
            f"/api/v1/incidents/?kind={p['kind']}&date_from={p['since']}",
            f"{db}/events_incident.json?kind={p['kind']}&date_latest__gte={p['since']}&_sort=date_earliest&_size=50",
            [
                (
                    "SELECT * FROM events_incident WHERE kind = %s AND (date_latest IS NULL OR date_latest >= %s) "
                    "ORDER BY date_earliest, date_latest, slug LIMIT 50",
                    [p["kind"], p["since"]],
                ),
            ],
        ),
        (
            "actor in any role since a date",
            f"/api/v1/incidents/?actor={p['actor_slug']}&date_from={p['actor_since']}",
            f"{db}/events_incident.json?_where=id+in+(select+incident_id+from+events_involvement+where+actor_id%3D{p['actor_id']})"
            f"&date_latest__gte={p['actor_since']}&_sort=date_earliest&_size=50",
            [
                (
                    "SELECT * FROM events_incident WHERE id IN "
                    "(SELECT incident_id FROM events_involvement WHERE actor_id = %s) "
                    "AND (date_latest IS NULL OR date_latest >= %s) ORDER BY date_earliest, date_latest, slug LIMIT 50",
                    [p["actor_id"], p["actor_since"]],
                ),
            ],
        ),
        (
            "text search",
            f"/api/v1/incidents/?q={p['word']}",
            f"{db}/events_incident.json?_search={p['word']}&_sort=date_earliest&_size=50",
            [
                (
                    "SELECT * FROM events_incident WHERE to_tsvector('simple'::regconfig, "
                    "coalesce(events_incident.title, '') || ' ' || coalesce(events_incident.summary, '')) "
                    "@@ to_tsquery('simple', %s) "
                    "ORDER BY date_earliest, date_latest, slug LIMIT 50",
                    [f"'{p['word']}':*"],
                ),
            ],
        ),
        (
            "one incident (API)",
            f"/api/v1/incidents/{p['slug']}/",
            f"{db}/events_incident.json?slug={p['slug']}",
            [("SELECT * FROM events_incident WHERE slug = %s", [p["slug"]])],
        ),
        (
            "one incident (page)",
            f"/incidents/{p['slug']}/",
            f"{db}/events_incident/{p['incident_id']}",
            [("SELECT * FROM events_incident WHERE slug = %s", [p["slug"]])],
        ),
        (
            "timeline page",
            "/",
            f"{db}/events_incident?_sort=date_earliest",
            [("SELECT * FROM events_incident ORDER BY date_earliest, date_latest, slug LIMIT 50", [])],
        ),
        (
            "CSV of 10,000 rows",
            f"/api/v1/incidents/?format=csv&date_from={p['csv_since']}",
            f"{db}/events_incident.csv?date_latest__gte={p['csv_since']}&_sort=date_earliest&_stream=on&_size=max",
            [
                (
                    "SELECT * FROM events_incident WHERE date_latest IS NULL OR date_latest >= %s "
                    "ORDER BY date_earliest, date_latest, slug",
                    [p["csv_since"]],
                )
            ],
        ),
        (
            "first page",
            "/api/v1/incidents/",
            f"{db}/events_incident.json?_sort=date_earliest&_size=50",
            [("SELECT * FROM events_incident ORDER BY date_earliest, date_latest, slug LIMIT 50", [])],
        ),
    ]


def wrk(port, path, duration):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c8",
            f"-d{duration}s",
            "--timeout",
            "60s",
            "-s",
            str(ROOT / "bench" / "wrk_report.lua"),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def worker_rss(master):
    """Resident memory (MB) of each gunicorn worker."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


class MemorySampler(threading.Thread):
    def __init__(self, master):
        super().__init__(daemon=True)
        self.master, self.samples, self.running = master, [], True

    def run(self):
        while self.running:
            self.samples.append(max(worker_rss(self.master), default=0))
            time.sleep(0.25)

    def stop(self):
        self.running = False
        self.join()
        return max(self.samples, default=0), min(self.samples, default=0)


def floor(statements, repeat=30):
    connection = psycopg2.connect(f"{PG}/{DATABASE}")
    cursor = connection.cursor()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        for sql, arguments in statements:
            cursor.execute(sql, arguments)
            cursor.fetchall()
        timings.append((time.perf_counter() - started) * 1000)
    connection.close()
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "rps": 1000 / statistics.mean(timings),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of wrk per question and server.")
    parser.add_argument("--reuse", action="store_true", help="Keep the loaded PostgreSQL and SQLite databases.")
    options = parser.parse_args()

    run = {
        "incidents": options.incidents,
        "seed": options.seed,
        "started": datetime.datetime.now(datetime.UTC).isoformat(),
    }
    if not options.reuse:
        run["generate_seconds"] = load(options.incidents, options.seed)
        print(f"generated {options.incidents} incidents in {run['generate_seconds']:.0f} s", flush=True)
        run["sqlite_copy_seconds"] = copy_to_sqlite()
        print(f"copied to SQLite in {run['sqlite_copy_seconds']:.0f} s", flush=True)
    ours, theirs = start_servers()
    try:
        for port in (OURS, THEIRS):
            wait_for(f"http://127.0.0.1:{port}/")
        run["questions"] = ask(ours, options.duration, parameters())
        run["csv_100k"] = stream_memory(ours, parameters())
    finally:
        for server in (ours, theirs):
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    report(run)


def ask(ours, duration, p):
    results = []
    for name, our_path, their_path, statements in questions(p):
        for port, path in ((OURS, our_path), (THEIRS, their_path)):
            warm_up(f"http://127.0.0.1:{port}{path}")
        sampler = MemorySampler(ours)
        sampler.start()
        mine = wrk(OURS, our_path, duration)
        mine["rss_max"], _ = sampler.stop()
        theirs = wrk(THEIRS, their_path, duration)
        result = {
            "question": name,
            "ours": mine,
            "datasette": theirs,
            "floor": floor(statements),
            "path": our_path,
            "datasette_path": their_path,
        }
        print(json.dumps(result), flush=True)
        results.append(result)
    return results


def warm_up(url):
    """One request first, so that caches are as warm for both; a failure shows in wrk's errors."""
    try:
        urllib.request.urlopen(url, timeout=120).read()
    except urllib.error.HTTPError as error:
        print(f"warm-up: {url} answered {error.code}", flush=True)


def stream_memory(ours, p):
    """Worker memory before, at most and after while one client streams a CSV of about 100,000 rows."""
    before = max(worker_rss(ours))
    sampler = MemorySampler(ours)
    sampler.start()
    started = time.monotonic()
    with urllib.request.urlopen(
        f"http://127.0.0.1:{OURS}/api/v1/incidents/?format=csv&date_from={p['csv_100k_since']}", timeout=600
    ) as response:
        rows = sum(1 for _ in response) - 1
    seconds = time.monotonic() - started
    peak, _ = sampler.stop()
    return {"rows": rows, "seconds": seconds, "rss_before": before, "rss_max": peak, "rss_after": max(worker_rss(ours))}


def report(run):
    lines = [
        f"# ours vs Datasette at {run['incidents']:,} incidents ({run['started'][:16]} UTC)",
        "",
        f"generate_synthetic: {run.get('generate_seconds', 0):.0f} s; "
        f"copy to SQLite: {run.get('sqlite_copy_seconds', 0):.0f} s; wrk -t2 -c8 against each; "
        "gunicorn 2 workers (DJANGO_ENV=production) vs Datasette 0.65.5 (immutable, facet suggestions off).",
        "",
        "| question | ours p50 ms | ours p95 ms | ours rps | Datasette p50 ms | Datasette p95 ms | Datasette rps "
        "| ours/Datasette | floor p50 ms | ours/floor (p50) | worker RSS max MB | errors ours/theirs |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for result in run["questions"]:
        ours, theirs, floor_ = result["ours"], result["datasette"], result["floor"]
        lines.append(
            f"| {result['question']} | {ours['p50']:.1f} | {ours['p95']:.1f} | {ours['rps']:.1f} "
            f"| {theirs['p50']:.1f} | {theirs['p95']:.1f} | {theirs['rps']:.1f} "
            f"| {ours['rps'] / theirs['rps'] if theirs['rps'] else float('inf'):.2f} | {floor_['p50']:.2f} | "
            f"{ours['p50'] / floor_['p50']:.1f} | {ours['rss_max']:.0f} | {ours['errors']}/{theirs['errors']} |"
        )
    stream = run["csv_100k"]
    lines += [
        "",
        f"CSV of {stream['rows']:,} rows, one client: {stream['seconds']:.1f} s; "
        f"worker RSS {stream['rss_before']:.0f} MB before, {stream['rss_max']:.0f} MB at most while streaming, "
        f"{stream['rss_after']:.0f} MB after.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    stamp = run["started"][:16].replace(":", "")
    out = ROOT / "bench" / "results" / f"{stamp}-{run['incidents']}"
    out.with_suffix(".md").write_text(text)
    out.with_suffix(".json").write_text(json.dumps(run, indent=2) + "\n")
    print(f"saved {out}.md and .json")


if __name__ == "__main__":
    sys.exit(main())
