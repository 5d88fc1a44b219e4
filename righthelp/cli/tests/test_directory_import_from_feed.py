"""`righthelp directory import --from URL`: a content officer pulls a live Open Referral feed
into a pack, page by page, with a progress line, retries and a run that resumes. Tested
against this product's own feed, served on a loopback port by the test server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from righthelp.cli import main
from righthelp.cli.feed_client import (
    FeedError,
    FeedReader,
    Progress,
    ResumeFile,
    TransientError,
    feed_base,
    fetch_services,
    open_url,
)
from righthelp.core.openreferral import export_pack_set
from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.yaml_source import read_yaml
from righthelp.partnerships.services import partnership_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def feed(live_server: Any) -> str:
    partnership_create(name="Stoke-on-Trent", slug="stoke", pack_ids=["stoke-on-trent"])
    url: str = live_server.url
    assert url.startswith(("http://localhost:", "http://127.0.0.1:"))  # loopback only
    return f"{url}/openreferral/stoke/"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_live_feed_becomes_a_services_yaml(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, feed: str
) -> None:
    resume = tmp_path / "run.jsonl"
    code, out, err = run(
        capsys, "directory", "import", "--from", feed, "--per-page", "5", "--resume", str(resume)
    )
    assert code == 0, err
    # A progress line per page of five, then the services: 18 in all.
    assert err.splitlines() == [
        "services: 5 of 18",
        "services: 10 of 18",
        "services: 15 of 18",
        "services: 18 of 18",
    ]
    path = tmp_path / "services.yaml"
    path.write_text(out)
    imported = read_yaml(path).data["services"]
    stoke = PackRegistry().get("stoke-on-trent")
    assert [s["id"] for s in imported] == [s.id for s in stoke.services]
    assert len(resume.read_text().splitlines()) == 1 + 18


def test_a_stopped_run_resumes_without_fetching_again(tmp_path: Path, feed: str) -> None:
    resume = tmp_path / "run.jsonl"
    calls: list[str] = []
    dropping = [True]

    def stops_after_seven(url: str) -> bytes:
        fetched = sum("/services/" in c for c in calls)
        if dropping[0] and "/services/" in url and fetched == 7:
            raise FeedError("the connection dropped")
        calls.append(url)
        return open_url(url)

    quiet = Progress(open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(FeedError):
        fetch_services(
            FeedReader(feed_base(feed), opener=stops_after_seven),
            ResumeFile(resume, feed_base(feed)),
            quiet,
        )
    assert len(ResumeFile(resume, feed_base(feed)).fetched) == 7

    calls.clear()
    dropping[0] = False
    services = fetch_services(
        FeedReader(feed_base(feed), opener=stops_after_seven),
        ResumeFile(resume, feed_base(feed)),
        quiet,
    )
    assert len(services) == 18
    # One listing page and only the eleven services not fetched before.
    assert sum("/services/" in c for c in calls) == 11
    assert services == export_pack_set([PackRegistry().get("stoke-on-trent")])


def test_a_resume_file_from_another_feed_is_refused(tmp_path: Path) -> None:
    resume = tmp_path / "run.jsonl"
    ResumeFile(resume, "http://127.0.0.1:1/openreferral/a/")
    with pytest.raises(FeedError, match="holds a run from another feed"):
        ResumeFile(resume, "http://127.0.0.1:1/openreferral/b/")


def test_a_failure_that_may_pass_is_tried_again(tmp_path: Path) -> None:
    answers: list[Exception | bytes] = [
        TransientError("HTTP 503"),
        TransientError("timed out"),
        json.dumps({"id": "x"}).encode(),
    ]
    pauses: list[float] = []

    def flaky(url: str) -> bytes:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    reader = FeedReader("http://127.0.0.1:1/", opener=flaky, sleep=pauses.append)
    assert reader.service("x") == {"id": "x"}
    assert pauses == [0.5, 1.0]
    assert reader.requests == 3


def test_a_failure_that_does_not_pass_stops_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, feed: str
) -> None:
    code, _, err = run(
        capsys,
        "directory",
        "import",
        "--from",
        feed.replace("/stoke/", "/nowhere/"),
        "--resume",
        str(tmp_path / "run.jsonl"),
    )
    assert code == 1
    # Only our line: the test server's own request log may share the captured stderr.
    assert [line for line in err.splitlines() if line.startswith("righthelp:")] == [
        f"righthelp: {feed.replace('/stoke/', '/nowhere/')}services?page=1&per_page=100 "
        "answered HTTP 404 Not Found (run again to resume)"
    ]


def test_no_answer_at_all_is_retried_then_said(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    reader = FeedReader("http://127.0.0.1:9/", retries=1, sleep=lambda _: None)
    with pytest.raises(FeedError, match=r"did not answer after 2 tries"):
        reader.service("x")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "feed"])
def test_only_web_addresses(url: str) -> None:
    with pytest.raises(FeedError, match="is not a web address"):
        feed_base(url)


def test_the_feed_may_be_given_by_its_services_address() -> None:
    assert feed_base("http://127.0.0.1:8114/openreferral/demo/services?page=2") == (
        "http://127.0.0.1:8114/openreferral/demo/"
    )
