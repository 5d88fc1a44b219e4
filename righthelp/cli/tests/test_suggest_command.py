"""`righthelp suggest`: the API's suggestions as JSON or text, from an argument or stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from righthelp.cli import main

NOTE = "They're behind on the rent and the landlord wants them out. Dad hit mum on Saturday."


@pytest.fixture(autouse=True)
def _data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("RIGHTHELP_DATA_DIR", str(tmp_path_factory.getbasetemp() / "rh-data"))


def test_suggest_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["suggest", "--pack", "stoke-on-trent", "--top", "5", "--format", "json", NOTE]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["pack"]["id"] == "stoke-on-trent" and "not findings" in data["notice"]
    assert len(data["suggestions"]) == 5
    for s in data["suggestions"]:
        assert {"id", "outcome", "level", "text", "score", "because"} <= s.keys()
        assert s["because"] in NOTE
    assert {"fin-11", "house-10"} & {s["id"] for s in data["suggestions"]}


def test_suggest_reads_standard_input_and_prints_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(NOTE))
    assert main(["suggest", "--pack", "stoke-on-trent", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Suggestions are not findings")
    assert out.count("because: ") == 3


def test_the_pack_s_vectors_are_kept_in_the_data_dir(capsys: pytest.CaptureFixture[str]) -> None:
    main(["suggest", "--pack", "stoke-on-trent", NOTE])
    import os

    kept = list((Path(os.environ["RIGHTHELP_DATA_DIR"]) / "suggest").glob("stoke-on-trent-*.npz"))
    assert len(kept) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pack", "nowhere", NOTE], "nowhere"),
        (["--pack", "coventry", NOTE], "no indicators"),
        (["--pack", "stoke-on-trent", "--top", "0", NOTE], "--top"),
        (["--pack", "stoke-on-trent", "   "], "standard input"),
    ],
)
def test_bad_input_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(["suggest", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
