"""The query plans of search and the dashboards on a large caseload, as the planner chooses
them (sequential scans allowed): the hand-run form, at scale, of
``righthelp/synth/tests/test_plans_use_indexes.py``.

    DATABASE_URL=postgres://.../righthelp_bench .venv/bin/python -m bench.plans --out plans/

Signs in as no one: it runs, in-process, the searches a practitioner makes (a surname, the
same with a typo, a postcode, an NHS number, a date of birth) and every dashboard figure for
the demo manager and analyst, captures their SQL, and saves ``EXPLAIN (ANALYZE, BUFFERS)``
of each SELECT to ``--out``. Prints each query's time and any sequential scan of people,
families, chronology, audit events, assessments or findings; the exit code is 1 if there is
one. Read-only (``EXPLAIN ANALYZE`` of SELECTs, in a transaction rolled back).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from righthelp.synth.big_tables import BIG_TABLES

SEARCHES = ("Smith", "Smiht", "ST4 1HH", "9990001234", "01/03/2015")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a directory for the plans")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "righthelp.config.settings.development")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from righthelp.accounts.models import User
    from righthelp.dashboards.scope import dashboard_scope_for, figures_for
    from righthelp.dashboards.sections import SECTIONS
    from righthelp.dashboards.selectors import Period
    from righthelp.families.search import search_families

    def captured(run: Callable[[], object]) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            run()
        return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]

    practitioner = User.objects.get(username="practitioner")
    work: list[tuple[str, Callable[[], object]]] = [
        (f"search {query!r}", lambda query=query: search_families(practitioner, query))  # type: ignore[misc]
        for query in SEARCHES
    ]
    for username in ("manager", "analyst"):
        scope = dashboard_scope_for(User.objects.get(username=username))
        figures = figures_for(scope, Period.last_year())
        work.append(
            (f"dashboard {username}", lambda f=figures: [s.table(f) for s in SECTIONS])  # type: ignore[misc]
        )
    args.out.mkdir(parents=True, exist_ok=True)
    found_scans = 0
    with transaction.atomic():
        for name, run in work:
            queries = captured(run)
            slowest = 0.0
            scans: list[str] = []
            text = []
            with connection.cursor() as cursor:
                for n, sql in enumerate(queries, 1):
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    took = re.search(r"Execution Time: ([0-9.]+) ms", plan)
                    slowest = max(slowest, float(took.group(1)) if took else 0.0)
                    scans += [
                        f"query {n}: {line.strip()}"
                        for line in plan.splitlines()
                        if any(f"Seq Scan on {table} " in line + " " for table in BIG_TABLES)
                    ]
                    text.append(f"-- query {n}\n{sql}\n\n{plan}\n")
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            (args.out / f"{slug}.txt").write_text("\n".join(text))
            print(
                f"{name}: {len(queries)} queries, slowest {slowest:.1f} ms, "
                f"{len(scans)} sequential scans of large tables"
            )
            for scan in scans:
                print(f"    {scan}")
            found_scans += len(scans)
        transaction.set_rollback(True)
    return 1 if found_scans else 0


if __name__ == "__main__":
    sys.exit(main())
