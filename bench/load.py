"""Load benchmark: the production server (`make serve`: gunicorn + whitenoise) on PostgreSQL under
many concurrent clients for five minutes, mixing the timeline, the map, profile and detail pages,
API lists and details and filtered exports.

Run (a PostgreSQL database of your own; --prepare loads it first):
  .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/conflict_bench \
      --prepare --copies 100 --port 8150 --clients 32 --duration 300

--prepare migrates the database, loads the corpus and grows it with bench/synthetic.py (`copies`
clones of every incident, with roles and citations); without it the database is used as it is
(already loaded, e.g. by a synthetic generator). The server runs with DJANGO_ENV=production and
the documented command, with three changes for a benchmark: workers are never recycled (so that
memory growth shows), the API's throttle is raised (every client here shares one address), and
requests carry X-Forwarded-Proto as from a TLS proxy. It prints requests, errors, median and 95th
percentile times (overall and per kind) and each worker's resident memory at the start and the end,
and writes the same as JSON to bench/results/.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def environment(arguments, static_root):
    return {
        **{key: value for key, value in os.environ.items() if key not in {"DJANGO_ENV", "DATABASE_URL"}},
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "conflict.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": arguments.database_url,
        "STATIC_ROOT": str(static_root),
        "CACHE_DIR": str(static_root.parent / "cache"),
        "PORT": str(arguments.port),
        "WEB_CONCURRENCY": str(arguments.workers),
        "WEB_MAX_REQUESTS": "0",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "API_THROTTLE_ANON": "1000000/min",
        "ACCESS_LOG": "",
    }


def manage(env, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def prepare(env, copies):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_corpus")
    grow = f"import sys; sys.path.insert(0, 'bench'); import synthetic; print(synthetic.grow({copies}), 'incidents')"
    manage(env, "shell", "-c", grow)


def sample(database_url):
    """Slugs and years to ask for, drawn from the database."""
    db = dj_database_url.parse(database_url)
    connection = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None, host=db["HOST"], port=db["PORT"] or 5432
    )
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT slug FROM events_incident ORDER BY random() LIMIT 2000")
        incidents = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT a.slug FROM actors_actor a WHERE EXISTS "
            "(SELECT 1 FROM events_involvement i WHERE i.actor_id = a.id) ORDER BY random() LIMIT 200"
        )
        actors = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM events_incident")
        total = cursor.fetchone()[0]
    connection.close()
    return incidents, actors, total


def mix(incidents, actors, total):
    """(kind, weight, path maker): the share of each kind of request in the load."""
    years = list(range(2014, 2024))
    pages = max(1, total // 50)
    return [
        ("timeline", 12, lambda: "/"),
        ("timeline filtered", 10, lambda: f"/?actor={random.choice(actors)}&date_from={random.choice(years)}"),
        ("map", 4, lambda: f"/map/?actor={random.choice(actors)}"),
        ("incident page", 12, lambda: f"/incidents/{random.choice(incidents)}/"),
        ("actor page", 6, lambda: f"/actors/{random.choice(actors)}/"),
        ("api incident list", 14, lambda: f"/api/v1/incidents/?page={random.randint(1, pages)}"),
        ("api filtered list", 8, lambda: f"/api/v1/incidents/?actor={random.choice(actors)}&kind=armed_attack"),
        ("api incident", 12, lambda: f"/api/v1/incidents/{random.choice(incidents)}/"),
        ("api actor list", 4, lambda: "/api/v1/actors/?page_size=20"),
        ("csv export", 6, lambda: export("csv", actors, years)),
        ("geojson export", 6, lambda: export("geojson", actors, years)),
        ("timeline export", 6, lambda: export("timeline", actors, years)),
    ]


def export(export_format, actors, years):
    year = random.choice(years)
    return f"/api/v1/incidents/?format={export_format}&actor={random.choice(actors)}&date_from={year}&date_to={year}"


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = {}
        self.errors = []

    def reset(self):
        with self.lock:
            self.times, self.errors = {}, []

    def record(self, kind, seconds, error=None):
        with self.lock:
            self.times.setdefault(kind, []).append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


def client(port, kinds, weights, results, stop):
    random.seed()
    while not stop.is_set():
        kind, make_path = random.choices(kinds, weights)[0]
        path = make_path()
        start = time.perf_counter()
        error = None
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                error = f"{response.status} {path}"
        except OSError as failure:
            error = f"{type(failure).__name__} {path}"
        results.record(kind, time.perf_counter() - start, error)


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError):
                continue
    return found


def gunicorn_workers(make_pid):
    """make → gunicorn master → workers."""
    for pid in children(make_pid):
        workers = children(pid)
        if workers:
            return pid, sorted(workers)
    return None, []


def resident_mib(pids):
    memory = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            memory[pid] = None
            continue
        kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        memory[pid] = round(kib / 1024, 1)
    return memory


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("the server did not come up")


def report(results, duration, memory_start, memory_end, arguments, total):
    all_times = [seconds for times in results.times.values() for seconds in times]
    summary = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "incidents": total,
        "clients": arguments.clients,
        "workers": arguments.workers,
        "warm_up_s": arguments.warm_up,
        "duration_s": round(duration),
        "requests": len(all_times),
        "errors": len(results.errors),
        "requests_per_s": round(len(all_times) / duration, 1),
        "p50_ms": round(statistics.median(all_times) * 1000),
        "p95_ms": round(percentile(all_times, 0.95) * 1000),
        "p99_ms": round(percentile(all_times, 0.99) * 1000),
        "by_kind": {
            kind: {
                "requests": len(times),
                "p50_ms": round(statistics.median(times) * 1000),
                "p95_ms": round(percentile(times, 0.95) * 1000),
            }
            for kind, times in sorted(results.times.items())
        },
        "worker_rss_mib_start": list(memory_start.values()),
        "worker_rss_mib_end": list(memory_end.values()),
        "first_errors": results.errors[:20],
    }
    print(json.dumps(summary, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"load-{summary['date'].replace(':', '')}.json").write_text(json.dumps(summary, indent=2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database of your own")
    parser.add_argument("--prepare", action="store_true", help="migrate, load the corpus and grow it first")
    parser.add_argument("--copies", type=int, default=100, help="with --prepare: clones of each incident")
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=int, default=300, help="seconds measured")
    parser.add_argument("--warm-up", type=int, default=30, help="seconds of the same load before measuring")
    arguments = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="conflict-load-"))
    env = environment(arguments, folder / "static")
    if arguments.prepare:
        prepare(env, arguments.copies)
    manage(env, "collectstatic", "--noinput", "-v0")
    incidents, actors, total = sample(arguments.database_url)
    kinds_and_weights = mix(incidents, actors, total)
    kinds = [(kind, make_path) for kind, _, make_path in kinds_and_weights]
    weights = [weight for _, weight, _ in kinds_and_weights]

    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"BIN={Path(PYTHON).parent}"],
        cwd=ROOT,
        env=env,
        stdout=(folder / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make and gunicorn in a process group of their own, stopped together
    )
    try:
        wait_until_up(arguments.port)
        _, workers = gunicorn_workers(server.pid)
        results, stop = Results(), threading.Event()
        threads = [
            threading.Thread(target=client, args=(arguments.port, kinds, weights, results, stop))
            for _ in range(arguments.clients)
        ]
        for thread in threads:
            thread.start()
        # Memory is measured from the end of a warm-up under the same load (imports, caches and
        # connections settle in it), so that the difference at the end is growth, not start-up.
        time.sleep(arguments.warm_up)
        memory_start = resident_mib(workers)
        results.reset()
        start = time.monotonic()
        time.sleep(arguments.duration)
        stop.set()
        for thread in threads:
            thread.join()
        duration = time.monotonic() - start
        memory_end = resident_mib(workers)
        report(results, duration, memory_start, memory_end, arguments, total)
        print(f"server log: {folder / 'server.log'}", file=sys.stderr)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
