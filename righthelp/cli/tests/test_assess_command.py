"""`righthelp assess`: the level of need from the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from righthelp.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_assess_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "assess",
        "--pack",
        "stoke-on-trent",
        "--indicator",
        "edu-07",
        "--indicator",
        "edu-13",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert (data["level"], data["level_name"]) == (3, "Getting Help")
    assert data["action"].startswith("Complete an Early Help Assessment.")
    assert data["because"] == [
        {
            "id": "edu-13",
            "outcome": 1,
            "outcome_title": "Getting a good education",
            "level": 3,
            "text": "Poor punctuality, frequent absence from school, attendance below 90%.",
        }
    ]
    assert data["pack"]["id"] == "stoke-on-trent"


def test_assess_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "assess", "--pack", "stoke-on-trent", "--indicator", "edu-07")
    assert code == 0
    assert out.splitlines()[0] == "Level 2: Getting Advice"
    assert "edu-07 (1. Getting a good education): Emerging attendance concerns" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pack", "leeds", "--indicator", "edu-07"], "unknown pack 'leeds'"),
        (
            ["--pack", "stoke-on-trent", "--indicator", "edu-700"],
            "unknown indicator in pack stoke-on-trent: edu-700",
        ),
        (["--pack", "coventry", "--indicator", "edu-07"], "pack coventry has no levels of need"),
    ],
)
def test_bad_input_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "assess", *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err


def test_the_installed_command_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "righthelp",
            "assess",
            "--pack",
            "stoke-on-trent",
            "--indicator",
            "x",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == "righthelp: unknown indicator in pack stoke-on-trent: x\n"
