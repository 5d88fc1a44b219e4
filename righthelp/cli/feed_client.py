"""Reading a live Open Referral UK feed the way the DfE's service directory importer does:
page through ``/services`` for the ids, then fetch each ``/services/{id}`` in full.

Failures that may pass (no answer, a timeout, a 429 or a 5xx) are tried again after a
growing pause; any other failure stops the run with one line. Every service fetched is
appended to a resume file as it arrives, so a run that stops (a dropped connection, Ctrl-C)
picks up where it left off: services already in the file are not fetched again.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote, urlencode, urlsplit

from righthelp.core.openreferral_checks import DocumentError, read_document

USER_AGENT = "righthelp-directory-import"
PER_PAGE = 100
TIMEOUT_SECONDS = 30
RETRIES = 4
# Seconds before each retry: 0.5, 1, 2, 4.
FIRST_PAUSE = 0.5


class FeedError(Exception):
    """The run stopped; the message is one line saying why and where."""


class TransientError(Exception):
    """A failure worth trying again."""


Opener = Callable[[str], bytes]


def open_url(url: str) -> bytes:
    """One GET. A 429, a 5xx or no answer is a ``TransientError``; other HTTP errors are
    a ``FeedError``."""
    # feed_base lets only http and https through.
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body: bytes = response.read()
            return body
    except urllib.error.HTTPError as error:
        if error.code == 429 or error.code >= 500:
            raise TransientError(f"HTTP {error.code}") from None
        raise FeedError(f"{url} answered HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise TransientError(str(reason)) from None


def feed_base(url: str) -> str:
    """The feed's root, from its root or its ``/services`` address."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(f"{url} is not a web address (http:// or https://)")
    path = parts.path.rstrip("/").removesuffix("/services")
    return f"{parts.scheme}://{parts.netloc}{path}/"


@dataclass
class Progress:
    """One line on stderr: rewritten in place on a terminal, a line per page otherwise."""

    out: TextIO
    total: int = 0
    done: int = 0

    def show(self, note: str = "") -> None:
        text = f"services: {self.done} of {self.total}{note}"
        if self.out.isatty():
            self.out.write(f"\r{text}\x1b[K")
        else:
            self.out.write(f"{text}\n")
        self.out.flush()

    def finish(self) -> None:
        if self.out.isatty():
            self.out.write("\n")


class ResumeFile:
    """Services fetched so far, one a line under the id the listing gave, after a header
    naming the feed."""

    def __init__(self, path: Path, base: str) -> None:
        self.path = path
        self.base = base
        self.fetched: dict[str, dict[str, Any]] = {}
        if path.exists():
            self._read()
        else:
            path.write_text(json.dumps({"feed": base}) + "\n", encoding="utf-8")

    def _read(self) -> None:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        try:
            header = json.loads(lines[0]) if lines else {}
        except json.JSONDecodeError:
            header = {}
        if header.get("feed") != self.base:
            raise FeedError(
                f"{self.path} holds a run from another feed; give another --resume file"
            )
        for line in lines[1:]:
            try:
                service = json.loads(line)
            except json.JSONDecodeError:
                continue  # the last line of a run stopped mid-write
            if isinstance(service, dict) and isinstance(service.get("listed_as"), str):
                self.fetched[service["listed_as"]] = service["service"]

    def add(self, listed_as: str, service: dict[str, Any]) -> None:
        line = json.dumps({"listed_as": listed_as, "service": service}, ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")
        self.fetched[listed_as] = service


@dataclass
class FeedReader:
    base: str
    opener: Opener = open_url
    retries: int = RETRIES
    pause: float = FIRST_PAUSE
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0

    def get(self, url: str) -> Any:
        for attempt in range(self.retries + 1):
            self.requests += 1
            try:
                raw = self.opener(url)
                break
            except TransientError as error:
                if attempt == self.retries:
                    raise FeedError(
                        f"{url} did not answer after {self.retries + 1} tries: {error}"
                    ) from None
                self.sleep(self.pause * 2**attempt)
        try:
            return read_document(raw)
        except DocumentError as error:
            raise FeedError(f"{url} {error}") from None

    def service_ids(self, per_page: int) -> Iterator[tuple[int, list[str]]]:
        """(total services, ids on the page) for each page of ``/services``."""
        page = 1
        while True:
            query = urlencode({"page": page, "per_page": per_page})
            url = f"{self.base}services?{query}"
            data = self.get(url)
            contents = data.get("contents") if isinstance(data, dict) else None
            if not isinstance(contents, list):
                raise FeedError(f"{url} is not a page of services (no 'contents' list)")
            ids = [str(item["id"]) for item in contents if isinstance(item, dict) and "id" in item]
            if len(ids) != len(contents):
                raise FeedError(f"{url} lists a service without an id")
            yield int(data.get("total_items", len(ids))), ids
            if data.get("last_page", True) or not contents or page >= data.get("total_pages", 0):
                return
            page += 1

    def service(self, service_id: str) -> dict[str, Any]:
        url = f"{self.base}services/{quote(str(service_id), safe='')}"
        data = self.get(url)
        if not isinstance(data, dict):
            raise FeedError(f"{url} is not a service")
        return data


def fetch_services(
    reader: FeedReader,
    resume: ResumeFile,
    progress: Progress,
    per_page: int = PER_PAGE,
) -> list[dict[str, Any]]:
    """Every service of the feed in its order, each in full; the resume file grows as it goes."""
    services: list[dict[str, Any]] = []
    for total, ids in reader.service_ids(per_page):
        progress.total = total
        for service_id in ids:
            found = resume.fetched.get(service_id)
            if found is None:
                found = reader.service(service_id)
                resume.add(service_id, found)
            services.append(found)
            progress.done = len(services)
        progress.show()
    progress.finish()
    return services
