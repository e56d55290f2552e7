"""Benchmark: median response times of the main pages and API lists on the full corpus.

Run:  .venv/bin/python bench/pages_and_api.py [--repeat 15]

It builds a throwaway SQLite database in a temporary folder, loads the corpus into it (timing that
too), then requests each URL `repeat` times in-process with Django's test client and prints the
median and the spread. Machines here are shared and noisy: compare figures from one run only.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = [
    "/",
    "/?actor=ttp&date_from=2022&date_to=2022",
    "/map/",
    "/actors/ttp/",
    "/relationships/",
    "/relationships/haqqani-network-faction_of-afghan-taliban-2017-10/",
    "/disputes/",
    "/crossings/chaman/",
    "/sources/002_5febc34bedb8d0be/",
    "/sources/medialine-2023-01-31-pakistani-taliban-splinter-group-claims-mosque-bombing/",
    "/incidents/2023-01-30-peshawar-police-lines-mosque-bombing/",
    "/api/v1/incidents/?page_size=1",
    "/api/v1/incidents/?page_size=100",
    "/api/v1/incidents/?format=csv",
    "/api/v1/incidents/?format=geojson",
    "/api/v1/incidents/?format=timeline",
    "/api/v1/disputes/?page_size=100",
    "/api/v1/actors/?page_size=100",
    "/api/v1/citations/?page_size=100",
]


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    arguments = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="conflict-bench-")
    os.environ.update(DJANGO_ENV="test", DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from corpus.loader import load_corpus

    call_command("migrate", verbosity=0)
    seconds, result = timed(lambda: load_corpus(ROOT / "fixtures"))
    print(f"load_corpus (first load): {seconds:.2f} s for {sum(result.counts.values())} rows")
    seconds, _ = timed(lambda: load_corpus(ROOT / "fixtures"))
    print(f"load_corpus (reload, nothing changes): {seconds:.2f} s\n")

    client = Client()
    print(f"{'URL':62} {'median ms':>9} {'min':>7} {'max':>7} {'queries':>7}")
    medians = {}
    for url in URLS:
        samples = []
        for _ in range(arguments.repeat):
            with CaptureQueriesContext(connection) as queries:
                seconds, response = timed(lambda url=url: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            samples.append(seconds * 1000)
        medians[url] = statistics.median(samples)
        print(f"{url:62} {medians[url]:9.1f} {min(samples):7.1f} {max(samples):7.1f} {len(queries):7}")
    one, hundred = medians["/api/v1/incidents/?page_size=1"], medians["/api/v1/incidents/?page_size=100"]
    print(f"\nincident list, 100 items vs 1: {hundred / one:.1f}x the time")


if __name__ == "__main__":
    main()
