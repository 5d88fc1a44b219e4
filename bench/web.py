"""The web benchmark: a council's caseload on PostgreSQL, served by gunicorn, loaded as
each role with bounded concurrency.

    .venv/bin/python -m bench.web --families 50000      by hand (limit 3x)
    .venv/bin/python -m bench.web --quick               CI: 2,000 families (limit 10x)

It makes a fresh database, migrates it, loads the demo partnership and ``righthelp synth``
families, starts gunicorn on it, signs in as the demo practitioner, manager and analyst,
and requests each hot page many times from ``--concurrency`` threads. Every page's p95 is
reported as a ratio to the p95 of a signed-in empty page (``/signed-in/``: session, user,
base template, no queries of its own) measured in the same run; ``/health/`` is a second
floor. The query count of each page is measured in-process on the same database. The exit
code is 1 when a page's ratio is over the limit.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
# The audit chain key of every bench database (throwaway ones): build a database by hand for
# --reuse with RIGHTHELP_AUDIT_KEY set to it, or give the bench that database's key.
BENCH_AUDIT_KEY = "bench-audit-chain-key-not-secret-0123456789"
PASSWORD = "bench-password-not-secret"  # noqa: S105 (the demo accounts of a throwaway database)


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    method: str
    path: str
    body: dict[str, str] | None = None
    bearer: bool = False


class Client:
    """One signed-in session (cookies kept by hand: the bench speaks plain HTTP)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.token: str | None = None

    def _request(
        self, method: str, path: str, body: dict[str, str] | None = None, bearer: bool = False
    ) -> tuple[int, str]:
        data = urllib.parse.urlencode(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            request.add_header("Referer", self.base + path)
            if "csrftoken" in self.cookies:
                request.add_header("X-CSRFToken", self.cookies["csrftoken"])
        if bearer and self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=120)
            status, text, headers = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            status, text, headers = error.code, error.read().decode(), error.headers
        for cookie in headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, text

    def sign_in(self, username: str) -> None:
        if not self.signs_in(username):
            raise SystemExit(f"could not sign in as {username}")

    def signs_in(self, username: str) -> bool:
        _, page = self._request("GET", "/accounts/sign-in/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        token = match.group(1) if match else ""
        status, _ = self._request(
            "POST",
            "/accounts/sign-in/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        return status == 302

    def get_text(self, path: str) -> str:
        status, text = self._request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path}: HTTP {status}")
        return text

    def timed(self, page: Page) -> float:
        body = dict(page.body or {})
        if page.method == "POST":
            body["csrfmiddlewaretoken"] = self.cookies.get("csrftoken", "")
        started = time.perf_counter()
        status, _ = self._request(
            page.method, page.path, body if page.method == "POST" else None, page.bearer
        )
        elapsed = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"{page.name}: HTTP {status} for {page.method} {page.path}")
        return elapsed


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _run(env: dict[str, str], *command: str) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "righthelp", *command], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"righthelp {' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return result.stdout


def _fresh_database(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _vacuum(url: str) -> None:
    """VACUUM (ANALYZE) the fresh caseload, as autovacuum would soon after a bulk load: a
    table only ever written by COPY has no visibility map yet, and an index-only scan on it
    still reads the table, which no installation in service would."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")


def _percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _load(
    clients: dict[str, Client], page: Page, requests: int, concurrency: int
) -> tuple[list[float], float]:
    client = clients[page.role]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        times = list(pool.map(lambda _: client.timed(page), range(requests)))
    return times, time.perf_counter() - started


def _load_in_rounds(
    clients: dict[str, Client], pages: list[Page], requests: int, concurrency: int, rounds: int
) -> dict[str, tuple[list[float], float]]:
    """Each page's ``requests``, loaded in ``rounds`` turns, every page in each turn: whatever
    else the machine does during the run (autovacuum, another process, the CPU's clock)
    falls on the pages and on the signed-in empty page alike, so their ratio holds. Loaded
    one page after another, the floor was measured in the first seconds of a run and a
    page minutes later (its p95 moved 10-20% between runs)."""
    results: dict[str, tuple[list[float], float]] = {page.name: ([], 0.0) for page in pages}
    turns = max(1, min(rounds, requests))
    for turn in range(turns):
        share = requests // turns + (1 if turn < requests % turns else 0)
        for page in pages:
            times, wall = _load(clients, page, share, concurrency)
            kept, spent = results[page.name]
            results[page.name] = (kept + times, spent + wall)
    return results


def _query_counts(env: dict[str, str], pages: list[Page]) -> dict[str, int]:
    """Each page's queries, counted in-process on the same database (Django's test client)."""
    script = r"""
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from righthelp.accounts.models import User
pages = json.loads(sys.argv[1])
clients = {}
counts = {}
for name, role, method, path, body, bearer in pages:
    if bearer:
        continue
    if role not in clients:
        c = Client(); c.force_login(User.objects.get(username=role)); clients[role] = c
    c = clients[role]
    c.get(path) if method == "GET" else None  # warm (sessions, caches)
    with CaptureQueriesContext(connection) as captured:
        response = c.get(path) if method == "GET" else c.post(path, body or {})
    assert response.status_code == 200, (name, response.status_code)
    counts[name] = len(captured.captured_queries)
print(json.dumps(counts))
"""
    import json

    payload = json.dumps([[p.name, p.role, p.method, p.path, p.body, p.bearer] for p in pages])
    result = subprocess.run(
        [PYTHON, "-c", script, payload], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        print(f"(query counts not measured: {result.stderr.strip().splitlines()[-1:]})")
        return {}
    counts: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.web", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--families", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true", help="CI: 2,000 families, fewer requests")
    parser.add_argument("--requests", type=int, help="requests per page (default 200; quick 30)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="every page is loaded in this many turns, in turn with the others (default 5)",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--limit", type=float, help="p95 ratio limit (default 3; quick 10)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/righthelp_bench"
        ),
        help="a PostgreSQL database the bench may drop and re-create",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the caseload in the database (migrated to this checkout's schema)",
    )
    args = parser.parse_args(argv)
    families = 2_000 if args.quick and args.families == 50_000 else args.families
    requests = args.requests or (30 if args.quick else 200)
    # The target is 3x at 50,000 families. The CI form guards against a page that scales
    # with the caseload again (an unindexed scan, a query per family: tens to hundreds of
    # times the floor) on a shared runner whose floor is noisy; hence 10x.
    limit = args.limit or (10.0 if args.quick else 3.0)

    data_dir = tempfile.mkdtemp(prefix="righthelp-bench-")
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "RIGHTHELP_DATA_DIR": data_dir,
        # One audit chain key for every run, so the events the bench writes (its token, the
        # sign-ins) link to a --reuse'd database's chain as its builder's did: without it
        # the key comes from each run's fresh data directory and `audit verify` breaks.
        "RIGHTHELP_AUDIT_KEY": os.environ.get("RIGHTHELP_AUDIT_KEY", BENCH_AUDIT_KEY),
        "RIGHTHELP_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "righthelp.config.settings.development",
    }
    # The demo partnership is loaded with debug on (the demo refuses otherwise); the server
    # runs with it off, as an installation would.
    setup_env = {**env, "RIGHTHELP_DEBUG": "true"}
    env["RIGHTHELP_DEBUG"] = "false"
    started = time.perf_counter()
    if not args.reuse:
        _fresh_database(args.database_url)
        _run(setup_env, "manage", "migrate", "-v0")
        _run(setup_env, "demo", "--password", PASSWORD)
        print(_run(setup_env, "synth", "--families", str(families)).strip())
        _vacuum(args.database_url)
    else:
        # The database is kept, but the code measured is this checkout's: its schema too.
        _run(setup_env, "manage", "migrate", "-v0")
    token = (
        _run(setup_env, "token", "issue", "practitioner", "--for", "the web benchmark")
        .splitlines()[0]
        .strip()
    )
    print(f"Caseload ready in {time.perf_counter() - started:.0f} s")

    base = f"http://127.0.0.1:{args.port}"
    try:
        urllib.request.urlopen(base + "/health/", timeout=2)
    except OSError:
        pass
    else:
        raise SystemExit(f"something already answers on port {args.port}: choose another --port")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "righthelp.config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            # Workers fork from an imported app and wait out a slow, shared machine.
            "--preload",
            "--timeout",
            "300",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(240):
            if server.poll() is not None:
                raise SystemExit(f"gunicorn stopped (exit {server.returncode})")
            try:
                urllib.request.urlopen(base + "/health/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit("gunicorn did not answer /health/ within 2 minutes")
        clients = {role: Client(base) for role in ("practitioner", "manager", "analyst")}
        for role, client in clients.items():
            client.sign_in(role)
        # The demo's front door account, where the demo partnership has one.
        front_door = Client(base)
        if front_door.signs_in("frontdoor"):
            clients["frontdoor"] = front_door
        clients["practitioner"].token = token
        home = clients["practitioner"].get_text("/families/")
        listed = re.findall(r'href="/families/([0-9a-f-]{36})/"', home)
        if not listed:
            raise SystemExit("the practitioner's home lists no family")
        # The first of the listed families whose overview links an assessment, so that the
        # assessment page is measured; the first family if none of the first ten has one.
        family_id, assessment = listed[0], None
        for candidate in dict.fromkeys(listed[:10]):
            overview = clients["practitioner"].get_text(f"/families/{candidate}/")
            assessment = re.search(
                r'href="(/families/[0-9a-f-]{36}/assessments/[0-9a-f-]{36}/)"', overview
            )
            if assessment:
                family_id = candidate
                break
        surname = re.search(r">(\w+) family<", home)
        name = surname.group(1) if surname else "Smith"
        typo = name[:2] + name[3:] + name[2] if len(name) > 3 else name + "e"
        pages = [
            Page("health (no session)", "practitioner", "GET", "/health/"),
            Page("signed-in empty page", "practitioner", "GET", "/signed-in/"),
            Page("families home, practitioner", "practitioner", "GET", "/families/"),
            Page("families home, manager", "manager", "GET", "/families/"),
            Page("search by surname", "practitioner", "POST", "/families/search/", {"query": name}),
            Page(
                "search with a typo", "practitioner", "POST", "/families/search/", {"query": typo}
            ),
            Page("family overview", "practitioner", "GET", f"/families/{family_id}/"),
            *(
                [Page("assessment", "practitioner", "GET", assessment.group(1))]
                if assessment
                else []
            ),
            Page("dashboard, manager", "manager", "GET", "/dashboards/"),
            Page("dashboard, analyst", "analyst", "GET", "/dashboards/"),
            Page("API family list", "practitioner", "GET", "/api/v1/families", bearer=True),
            Page("your work, practitioner", "practitioner", "GET", "/work/"),
            Page("your work, manager", "manager", "GET", "/work/"),
            *(
                [
                    Page("your work, front door", "frontdoor", "GET", "/work/"),
                    Page("front door queue", "frontdoor", "GET", "/front-door/"),
                ]
                if "frontdoor" in clients
                else []
            ),
        ]
        for page in pages:
            _load(clients, page, min(requests, 10), args.concurrency)  # warm up
        results = _load_in_rounds(clients, pages, requests, args.concurrency, args.rounds)
    finally:
        server.terminate()
        server.wait(timeout=30)

    counts = _query_counts(env, pages)
    floor = _percentile(results["signed-in empty page"][0], 0.95)
    print(
        f"\n{families:,} families, {requests} requests a page, {args.concurrency} at a time, "
        f"gunicorn {args.workers} workers, {os.cpu_count()} CPUs; limit {limit:.0f}x the "
        "signed-in empty page's p95"
    )
    header = f"{'page':<30} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'ratio':>6} {'queries':>8}"
    print(header)
    print("-" * len(header))
    over = []
    for page in pages:
        times, wall = results[page.name]
        p95 = _percentile(times, 0.95)
        ratio = p95 / floor
        floors = page.name in ("health (no session)", "signed-in empty page")
        verdict = "  OVER" if ratio > limit and not floors else ""
        if verdict:
            over.append(page.name)
        print(
            f"{page.name:<30} {statistics.median(times) * 1000:>8.1f} {p95 * 1000:>8.1f} "
            f"{len(times) / wall:>7.1f} {ratio:>6.2f} {counts.get(page.name, '-'):>8}{verdict}"
        )
    if over:
        print(f"\nOver the limit: {', '.join(over)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
