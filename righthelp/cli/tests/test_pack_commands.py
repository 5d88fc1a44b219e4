"""`righthelp pack ...` as a partnership's content officer uses it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from righthelp.cli import main
from righthelp.core.packs.tests.conftest import TINY


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return Path(shutil.copytree(TINY, tmp_path / "tiny"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_pack_list_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pack", "list", "--format", "json")
    assert code == 0
    packs = json.loads(out)
    assert [p["id"] for p in packs] == ["coventry", "partnership-self-assessment", "stoke-on-trent"]
    stoke = packs[2]
    assert (stoke["levels"], stoke["outcomes"]) == (5, 10)
    assert stoke["content_hash"].startswith("sha256:")


def test_pack_list_includes_a_partnerships_own_pack(
    capsys: pytest.CaptureFixture[str], tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTHELP_PACK_PATH", str(tiny))
    code, out, _ = run(capsys, "pack", "list")
    assert code == 0
    assert "tiny 1  A tiny pack for tests (Testshire)" in out


def test_validate_a_good_pack(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    code, out, _ = run(capsys, "pack", "validate", str(tiny))
    assert code == 0
    assert out.startswith("tiny 1 is valid (3 levels, 5 indicators")


def test_validate_a_broken_pack_names_file_line_and_field(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    path = tiny / "outcomes.yaml"
    path.write_text(
        path.read_text().replace(
            "level: 3\n        text: Frequent", "level: 7\n        text: Frequent"
        )
    )
    code, out, err = run(capsys, "pack", "validate", str(tiny))
    assert code == 1
    assert out == ""
    assert (
        "outcomes.yaml:23: outcomes[1].indicators[1].level: level 7 is not one of the pack's levels"
        in err
    )
    assert "Traceback" not in err


def test_diff_two_versions(capsys: pytest.CaptureFixture[str], tiny: Path, tmp_path: Path) -> None:
    new = Path(shutil.copytree(tiny, tmp_path / "new"))
    path = new / "outcomes.yaml"
    path.write_text(
        path.read_text()
        .replace("Attendance below 95%.", "Attendance has dropped below 95%.")
        .replace("      - id: house-02\n        level: 3", "      - id: house-02\n        level: 2")
    )
    code, out, _ = run(capsys, "pack", "diff", str(tiny), str(new), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [c["id"] for c in data["indicators"]["reworded"]] == ["edu-02"]
    assert [(c["id"], c["old_level"], c["new_level"]) for c in data["indicators"]["moved"]] == [
        ("house-02", 3, 2)
    ]
    code, out, _ = run(capsys, "pack", "diff", str(tiny), str(new))
    assert "Indicators reworded (1):" in out
    assert "was: Attendance below 95%." in out
    assert "house-02 [level 3 -> 2]" in out


def test_diff_of_a_pack_with_itself(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    code, out, _ = run(capsys, "pack", "diff", str(tiny), str(tiny))
    assert (code, out.splitlines()[-1]) == (0, "No changes.")


def test_export_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pack", "export", "stoke-on-trent", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"id", "version", "content_hash", "levels", "outcomes", "services"} <= set(data)
    assert set(data["levels"][0]) >= {"number", "name", "description", "action"}
    assert set(data["outcomes"][0]) >= {"id", "title", "indicators"}
    assert set(data["outcomes"][0]["indicators"][0]) >= {"id", "level", "text"}
    assert set(data["services"][0]) >= {"id", "name", "phone", "email", "website"}
    assert "criteria" not in data  # the Stoke-on-Trent pack has none: left out


def test_export_shows_who_may_approve_and_the_undue_delay_route(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out, _ = run(capsys, "pack", "export", "stoke-on-trent")
    rule = next(r for r in json.loads(out)["rules"] if r["kind"] == "referral_consent")
    refused = rule["routes"]["consent_refused"]
    assert refused["who_may_approve"] == (
        "a manager, the Designated Senior Person or the Named Professional"
    )
    assert refused["approvers"] == ["manager", "designated_senior_person", "named_professional"]
    assert refused["undue_delay"]["before_sending"] == ["undue_delay_reason"]
    assert "approver_told_afterwards" in refused["undue_delay"]["after_sending"]
    means = refused["undue_delay"]["means"]
    assert means == (
        "Where seeking approval first would cause undue delay, it may be sent without these "
        "first: get approval; record the outcome of the consultation and any further advice. "
        "Before sending: record why seeking approval first would cause undue delay. After "
        "sending: record who was told afterwards that it was sent without approval; record "
        "the outcome of the consultation and any further advice."
    )
    assert refused["undue_delay"]["reading"].startswith("The partnership's reading")
    assert rule["routes"]["consent_not_sought"]["who_may_approve"] == "their manager"


def test_export_shows_the_workflow_settings_as_local_practice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out, _ = run(capsys, "pack", "export", "stoke-on-trent")
    workflow = json.loads(out)["workflow"]
    assert workflow["manager_signoff_levels"] == [5]
    assert workflow["local_practice_note"].startswith("Local practice, not from")
    assert workflow["several_needs_prompt"] == {"at_level": 3, "outcomes_min": 2, "prompt_level": 4}


def test_export_marks_count_rules_that_are_the_partnerships_reading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _code, out, _ = run(capsys, "pack", "export", "coventry")
    screening = json.loads(out)["instruments"][0]
    marked = {r["band"]: r.get("reading") for r in screening["count_rules"]}
    assert marked["medium"] and "partnership's reading" in marked["medium"]
    assert marked["high"] and "partnership's reading" in marked["high"]
    assert marked["low"] is None and marked["universal"] is None


def test_export_coventry_criteria_and_instruments(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "pack", "export", "coventry")
    data = json.loads(out)
    criterion = data["criteria"][2]
    assert criterion["id"] == "6.3" and criterion["outcome"] == 6
    assert {"need", "achieved_when", "who_can_help", "interventions", "evidence"} <= set(criterion)
    (instrument,) = data["instruments"]
    assert next((b["name"], b["min"], b["max"]) for b in instrument["bands"]) == (
        "Universal risk",
        9,
        10,
    )
    horizon = next(s for s in data["services"] if s["id"] == "horizon")
    assert (horizon["phone"], horizon["email"]) == ("024 7678 8555", "cse.horizon@coventry.gov.uk")


def test_export_of_the_self_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "pack", "export", "partnership-self-assessment")
    (instrument,) = json.loads(out)["instruments"]
    assert [o["id"] for o in instrument["scale"]] == ["good", "some", "minimal", "none"]
    questions = [q for s in instrument["sections"] for q in s["questions"]]
    assert len(questions) == 23 and set(questions[0]) >= {"id", "number", "text"}


def test_export_of_an_unknown_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "pack", "export", "leeds")
    assert code != 0 and out == ""
    assert err.strip().splitlines() == [
        "righthelp: unknown pack 'leeds'; known packs: coventry, partnership-self-assessment, "
        "stoke-on-trent"
    ]
