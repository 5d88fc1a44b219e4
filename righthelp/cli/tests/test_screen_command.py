"""`righthelp screen`: the two exploitation bands from the command line, from the same core
as the screening pages and the API."""

from __future__ import annotations

import json

import pytest

from righthelp.cli import main
from righthelp.core.exploitation_bands import PARTNERSHIP_READING


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_several_vulnerabilities_and_no_risk_indicator_is_low_with_a_safety_plan(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "screen", "--pack", "coventry", "--score", "9", "--vulnerabilities", "3",
        "--format", "json",
    )  # fmt: skip
    data = json.loads(out)
    assert code == 0
    assert data["band_from_score"]["id"] == "universal"
    assert data["band_from_counts"]["id"] == "low"
    assert data["band_from_counts"]["because"] == "Multiple vulnerabilities."
    assert data["band_from_counts"]["reading"] is None
    assert data["disagree"] is True and data["safety_plan_offered"] is True
    assert data["pack"]["id"] == "coventry"


def test_a_threshold_the_guide_does_not_give_is_labelled_in_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "screen", "--pack", "coventry", "--score", "7", "--vulnerabilities", "3",
        "--risk-indicators", "3", "--significant-risk-indicators", "0",
    )  # fmt: skip
    assert code == 0
    assert "Band from the score (7): Low (mild) risk" in out
    assert "Band from the counts: Medium (moderate) risk" in out
    assert PARTNERSHIP_READING in out
    assert "The two bands disagree" in out
    assert "For low (mild) risk, the band from the score: A single agency safety plan" in out
    assert (
        "For medium (moderate) risk, the band from the counts: no next step is given for this "
        "band alone." in out
    )
    assert "For any concern: If you have a concern, complete the Child Exploitation" in out
    assert "Safety plan offered: yes" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--score", "eleven"], "righthelp: --score must be a whole number, not 'eleven'\n"),
        (["--score", "11"], "righthelp: score 11 is outside 0-10\n"),
        (
            ["--score", "5", "--vulnerabilities", "-1"],
            "righthelp: --vulnerabilities cannot be negative\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "screen", "--pack", "coventry", *argv)
    assert code != 0 and out == "" and err == message


def test_a_pack_without_a_screening(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "screen", "--pack", "stoke-on-trent", "--score", "3")
    assert code != 0
    assert err == "righthelp: pack stoke-on-trent has no exploitation screening\n"
