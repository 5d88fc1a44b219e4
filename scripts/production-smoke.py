"""A production deploy, end to end, from this checkout: the step `.ci/run` runs after the
tests. No pytest, no browser: what an operator does, then what a practitioner does.

1. A PostgreSQL database of its own, owned by a migration role, and an application role
   (made as a DBA would, through the server's superuser URL).
2. With production settings: `righthelp manage migrate` (as the owner), `righthelp db roles`,
   `righthelp manage collectstatic`, `righthelp manage check --deploy --database default
   --fail-level WARNING` (as the application's role).
3. A partnership, a practitioner with an authenticator app and a family, written through the
   services by the application's role.
4. `righthelp serve` (gunicorn). Over HTTP, as the load balancer would forward HTTPS: sign in,
   enter the authenticator's code (computed here, RFC 6238), open the family's page, load the
   CSS it links to and a font that CSS names.
5. The application's role cannot delete an audit event; `righthelp audit verify` holds.

Any failure stops with the step named and exit status 1. Everything made is removed.

    .venv/bin/python scripts/production-smoke.py [--postgres URL] [--port N] [--keep]

``--postgres`` (default ``$CI_POSTGRES_URL`` or postgres://postgres@127.0.0.1:5432/righthelp)
is a superuser's URL; the database and roles are named after its database name.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import html
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
USERNAME = "smoke.practitioner"
FAMILY = "Smoke household"

SET_UP = """
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from righthelp.accounts.models import Role, User
from righthelp.families.services import family_create
from righthelp.partnerships.services import partnership_create, team_create
import os
with transaction.atomic():
    p = partnership_create(name="Smoketown", slug="smoketown",
                           pack_ids=["stoke-on-trent", "coventry"])
    t = team_create(partnership=p, agency_name="Children's Services", team_name="Early Help")
    u = User(username=os.environ["SMOKE_USERNAME"], role=Role.PRACTITIONER, team=t,
             first_name="Smoke", last_name="Test")
    u.set_password(os.environ["SMOKE_PASSWORD"])
    u.save()
    TOTPDevice.objects.create(user=u, name="Authenticator app", confirmed=True,
                              key=os.environ["SMOKE_TOTP_KEY"])
    f = family_create(partnership=p, created_by=u, name=os.environ["SMOKE_FAMILY"],
                      postcode="ST4 1HH")
print("FAMILY", f.pk)
"""


class SmokeFailed(Exception):
    pass


def step(title: str) -> None:
    print(f"-- {title}", flush=True)


def totp(hex_key: str, at: float | None = None) -> str:
    """RFC 6238 with django-otp's defaults: SHA-1, 30-second steps, 6 digits."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(hex_key), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


def with_database(url: str, name: str, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if user is not None:
        netloc = f"{user}@{netloc.rsplit('@', 1)[-1]}"
    return urlunsplit((parts.scheme, netloc, f"/{name}", "", ""))


def run(*args: str, env: dict[str, str]) -> str:
    shown = " ".join(args)
    result = subprocess.run(  # noqa: S603 -- our own command, fixed arguments
        [str(BIN / "righthelp"), *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SmokeFailed(f"righthelp {shown} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextmanager
def database(superuser_url: str) -> Iterator[tuple[str, str, str]]:
    """A fresh database owned by a migration role, and an application role; both removed."""
    base = urlsplit(superuser_url).path.lstrip("/") or "righthelp"
    name, owner, app = f"{base}_prodsmoke", f"{base}_prodsmoke_owner", f"{base}_prodsmoke_app"

    def drop(cursor: psycopg.Cursor[tuple[object, ...]]) -> None:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        for role in (app, owner):
            cursor.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))

    # Roles and databases are made from the server's maintenance database, which always
    # exists (the database the URL names may not).
    maintenance = urlunsplit(urlsplit(superuser_url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as admin, admin.cursor() as cursor:
        drop(cursor)
        cursor.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner)))
        cursor.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(app)))
        cursor.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(name), sql.Identifier(owner)
            )
        )
        try:
            yield name, owner, app
        finally:
            drop(cursor)


class Browser:
    """Just enough of a browser: cookies (Secure ones too, as the load balancer speaks HTTPS
    to the outside), CSRF tokens from forms, and the X-Forwarded-Proto header."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "righthelp-production-smoke",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"{self.origin}{path}"
            headers["Origin"] = self.origin
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content

    def get(self, path: str, expect: int = 200) -> tuple[dict[str, str], bytes]:
        status, headers, content = self.request("GET", path)
        if status != expect:
            raise SmokeFailed(f"GET {path} answered {status}, not {expect}")
        return headers, content

    def submit(self, path: str, fields: dict[str, str]) -> str:
        """GET the form at ``path``, POST it with ``fields``; where the redirect goes."""
        _, page = self.get(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise SmokeFailed(f"no CSRF token in the form at {path}")
        status, headers, content = self.request(
            "POST", path, {"csrfmiddlewaretoken": token.group(1).decode(), **fields}
        )
        if status != 302:
            raise SmokeFailed(f"POST {path} answered {status}, not a redirect:\n{content[:2000]!r}")
        return urlsplit(headers["location"]).path


def wait_for(port: int, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SmokeFailed(f"righthelp serve stopped with status {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.25)
    raise SmokeFailed(f"righthelp serve did not answer on port {port} in {seconds:.0f}s")


def smoke(superuser_url: str, port: int, work: Path) -> None:
    with database(superuser_url) as (name, owner, app):
        step(f"database {name}: owner {owner}, application role {app}")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "righthelp.config.settings.production",
            "RIGHTHELP_SECRET_KEY": secrets.token_urlsafe(64),
            "RIGHTHELP_AUDIT_KEY": secrets.token_urlsafe(48),
            "RIGHTHELP_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "RIGHTHELP_DATA_DIR": str(work / "data"),
            "RIGHTHELP_STATIC_ROOT": str(work / "static"),
            "DATABASE_URL": with_database(superuser_url, name, app),
            "RIGHTHELP_MIGRATE_DATABASE_URL": with_database(superuser_url, name, owner),
        }
        for variable in ("RIGHTHELP_DEBUG", "RIGHTHELP_REQUIRE_2FA", "RIGHTHELP_PACK_PATH"):
            env.pop(variable, None)

        step("migrate (as the owner)")
        run("manage", "migrate", "--noinput", "-v", "0", env=env)
        step("db roles (the application's role: records, and only INSERT/SELECT on the log)")
        run("db", "roles", app, "--no-create", env=env)
        step("collectstatic")
        run("manage", "collectstatic", "--noinput", "-v", "0", env=env)
        step("check --deploy (as the application's role)")
        run(
            "manage",
            "check",
            "--deploy",
            "--database",
            "default",
            "--fail-level",
            "WARNING",
            env=env,
        )

        step("a partnership, a practitioner with an authenticator app, a family")
        password, key = secrets.token_urlsafe(18), secrets.token_hex(20)
        people = {
            **env,
            "SMOKE_USERNAME": USERNAME,
            "SMOKE_PASSWORD": password,
            "SMOKE_TOTP_KEY": key,
            "SMOKE_FAMILY": FAMILY,
        }
        made = run("manage", "shell", "--no-imports", "-c", SET_UP, env=people)
        found = re.search(r"FAMILY ([0-9a-f-]{36})", made)
        if found is None:
            raise SmokeFailed(f"setting up printed no family id:\n{made}")
        family_id = found.group(1)

        step(f"serve on port {port}")
        log = (work / "serve.log").open("wb")
        server = subprocess.Popen(  # noqa: S603 -- our own command
            [str(BIN / "righthelp"), "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(port, server)
            browse(port, key, password, family_id)
        except SmokeFailed:
            print((work / "serve.log").read_text(errors="replace")[-4000:], file=sys.stderr)
            raise
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()

        step("the application's role cannot delete audit events; the chain verifies")
        with psycopg.connect(env["DATABASE_URL"]) as as_app:
            try:
                as_app.execute("DELETE FROM audit_auditevent")
            except psycopg.errors.InsufficientPrivilege:
                pass
            else:
                raise SmokeFailed("the application's role deleted audit events")
        print(run("audit", "verify", env=env).strip())


def browse(port: int, key: str, password: str, family_id: str) -> None:
    browser = Browser(port)
    step("sign in")
    status, headers, _ = browser.request("GET", "/families/")
    if status != 302 or "/accounts/sign-in/" not in headers.get("location", ""):
        raise SmokeFailed(f"/families/ answered {status} to a stranger, not a sign-in redirect")
    browser.submit("/accounts/sign-in/", {"username": USERNAME, "password": password})
    step("authenticator code (the family's page waits for it)")
    status, headers, _ = browser.request("GET", f"/families/{family_id}/")
    if status != 302 or "/accounts/two-factor/" not in headers.get("location", ""):
        raise SmokeFailed(f"before the code, the family's page answered {status}, not 2FA")
    # A code near the end of its 30 seconds may expire in flight: wait for a fresh one.
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    browser.submit("/accounts/two-factor/", {"code": totp(key)})
    step("the family's page")
    _, page = browser.get(f"/families/{family_id}/")
    if FAMILY.encode() not in page:
        raise SmokeFailed("the family's page does not show the family")
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', page)
    govuk = [s.decode() for s in stylesheets if b"govuk-frontend" in s]
    if not govuk or not re.search(r"\.[0-9a-f]{12}\.css$", govuk[0]):
        raise SmokeFailed(f"no hashed govuk-frontend stylesheet on the page: {stylesheets!r}")
    step(f"its CSS: {govuk[0]}")
    for href in (s.decode() for s in stylesheets):
        headers, css = browser.get(html.unescape(href))
        if not headers.get("content-type", "").startswith("text/css") or len(css) < 100:
            raise SmokeFailed(f"{href} is not a stylesheet: {headers.get('content-type')}")
    _, css = browser.get(govuk[0])
    font = re.search(rb"""url\(["']?([^)"']+\.woff2)["']?\)""", css)
    if font is None:
        raise SmokeFailed("the govuk-frontend CSS names no font")
    font_path = str(Path(govuk[0]).parent / font.group(1).decode())
    step(f"a font it names: {font_path}")
    browser.get(os.path.normpath(font_path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/righthelp"),
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("SMOKE_PORT", "8765")))
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="righthelp-smoke-"))
    started = time.monotonic()
    try:
        smoke(args.postgres, args.port, work)
    except SmokeFailed as failure:
        print(f"production smoke FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"production smoke passed in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
