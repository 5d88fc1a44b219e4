"""`righthelp audit export`: the log for a security officer, filtered, as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

from righthelp.audit.models import Action
from righthelp.audit.services import audit
from righthelp.cli import main
from righthelp.conftest import Cast


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_log_of_one_account(capsys: pytest.CaptureFixture[str], cast: Cast) -> None:
    audit(actor=cast.alice, action=Action.VIEWED, record_type="family_overview")
    audit(actor=cast.bob, action=Action.EXPORTED, record_type="dashboard_export")
    code, out, _ = run(capsys, "audit", "export", "--user", "alice", "--action", "viewed")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["who"], r["action"], r["record"]) for r in rows] == [
        ("alice", "Viewed", "Family overview")
    ]
    code, out, _ = run(capsys, "audit", "export", "--action", "exported", "--format", "json")
    assert [row["who"] for row in json.loads(out)] == ["bob"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--user", "nobody"), "no account with the username 'nobody'"),
        (("--action", "peeked"), "unknown action 'peeked'"),
        (("--since", "2026-05-02", "--until", "2026-05-01"), "--until must be on or after"),
    ],
)
def test_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], cast: Cast, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "audit", "export", *argv)
    assert code == 2 and message in err and out == ""
