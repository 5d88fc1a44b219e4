"""`righthelp directory ...` as a partnership's content officer uses it: publish the
directory as Open Referral UK data, and turn a council's Open Referral feed into a pack's
services.yaml to check and publish."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from righthelp.cli import main
from righthelp.core.openreferral import STANDARD_DIR, schema_problems, service_uuid
from righthelp.core.packs.loader import load_pack
from righthelp.core.packs.registry import PackRegistry
from righthelp.core.packs.tests.conftest import TINY


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def exported(capsys: pytest.CaptureFixture[str], pack_id: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, "directory", "export", pack_id)
    assert (code, err) == (0, "")
    services: list[dict[str, Any]] = json.loads(out)
    return services


def test_export_a_packs_directory_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    services = exported(capsys, "stoke-on-trent")
    assert len(services) == 18
    assert all(schema_problems(service) == [] for service in services)
    assert services[0]["id"] == service_uuid("stoke-on-trent", "stoke-community-directory")
    assert services[0]["url"] == "https://stokecommunitydirectory.co.uk/"


def test_export_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "coventry.json"
    code, stdout, _ = run(capsys, "directory", "export", "coventry", "--out", str(out))
    assert code == 0
    assert stdout == f"50 services of coventry 1.1.0 written to {out}\n"
    assert json.loads(out.read_text(encoding="utf-8")) == exported(capsys, "coventry")


def test_a_pack_without_services_exports_an_empty_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert exported(capsys, "partnership-self-assessment") == []


def test_export_of_an_unknown_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "directory", "export", "nowhere")
    assert code == 2
    assert out == ""
    assert err == (
        "righthelp: unknown pack 'nowhere'; known packs: "
        "coventry, partnership-self-assessment, stoke-on-trent\n"
    )


def test_export_to_a_folder_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "missing" / "coventry.json"
    code, _, err = run(capsys, "directory", "export", "coventry", "--out", str(out))
    assert code == 2
    assert err == f"righthelp: cannot write {out}: No such file or directory\n"


# --- import ---------------------------------------------------------------------------------


def write_json(tmp_path: Path, data: object, name: str = "directory.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def pack_with(tmp_path: Path, services_yaml: str) -> Path:
    """A pack of the printed services.yaml and the tiny test pack's manifest."""
    folder = tmp_path / "pack"
    folder.mkdir(parents=True)
    shutil.copy(TINY / "pack.yaml", folder / "pack.yaml")
    (folder / "services.yaml").write_text(services_yaml, encoding="utf-8")
    return folder


def test_a_council_feed_becomes_a_services_yaml_the_pack_loader_accepts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shipped = PackRegistry()
    feed = write_json(
        tmp_path,
        {"total_items": 67, "page_number": 1, "contents": exported(capsys, "coventry")},
    )
    code, out, err = run(capsys, "directory", "import", str(feed))
    assert (code, err) == (0, "")
    assert out.startswith("# The directory, imported from Open Referral UK data in directory.json")

    pack = load_pack(pack_with(tmp_path, out))
    coventry = shipped.get("coventry")
    assert [s.name for s in pack.services] == [s.name for s in coventry.services]
    assert [s.description for s in pack.services] == [s.description for s in coventry.services]
    assert [s.ages for s in pack.services] == [s.ages for s in coventry.services]
    # The pack's own ids come back, so levels and criteria that name them still hold.
    assert [s.id for s in pack.services] == [s.id for s in coventry.services]
    horizon = pack.services_by_id["horizon"]
    assert horizon.source_note == (
        "Imported from Open Referral UK data, where its service id is "
        f"{service_uuid('coventry', 'horizon')}."
    )


def test_the_standards_own_examples_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    examples = STANDARD_DIR / "examples"
    full = json.loads((examples / "service_full.json").read_text())
    for feed in (examples / "service_list.json", write_json(tmp_path, [full], "full.json")):
        code, out, err = run(capsys, "directory", "import", str(feed))
        assert code == 0
        # What a pack cannot hold is said, one line for the item.
        assert err.startswith(f"righthelp: {feed}: warning: ")
        assert "not held by a pack, so not imported: alternate_name" in err
        (service,) = load_pack(pack_with(tmp_path / feed.stem, out)).services
        assert service.id == "community-counselling"


def test_closed_services_are_left_out_with_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    horizon, crasac = exported(capsys, "coventry")[:2]
    feed = write_json(tmp_path, [horizon, {**crasac, "status": "defunct"}])
    code, out, err = run(capsys, "directory", "import", str(feed))
    assert code == 0
    line = "[1]: 'Coventry Rape and Sexual Abuse Centre (CRASAC)' is defunct there"
    assert err == f"righthelp: {feed}: left out {line}\n"
    assert f"# Left out: {line}\n" in out
    assert [s.id for s in load_pack(pack_with(tmp_path, out)).services] == ["horizon"]


def test_a_broken_feed_names_each_item_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    services = exported(capsys, "coventry")[:5]
    del services[3]["phones"][0]["number"]
    services[4]["id"] = "crasac"
    feed = write_json(tmp_path, {"contents": services})
    code, out, err = run(capsys, "directory", "import", str(feed))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"righthelp: {feed} has 2 problems:",
        "  contents[3].phones[0].number: 'number' is a required property",
        "  contents[4].id: 'crasac' is not a 'uuid'",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "is not JSON: line 1 column 2: ends too soon (is it cut short?)"),
        ("{]", "is not JSON: line 1 column 2: Expecting property name enclosed in double quotes"),
        (
            '{"services": []}',
            "has 1 problem:\n  expected a list of services or a page with 'contents'",
        ),
    ],
)
def test_a_file_that_is_not_a_service_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "feed.json"
    path.write_text(content)
    code, out, err = run(capsys, "directory", "import", str(path))
    assert (code, out) == (1, "")
    assert err == f"righthelp: {path} {message}\n"
    assert "Traceback" not in err


def test_a_file_that_cannot_be_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    code, _, err = run(capsys, "directory", "import", str(missing))
    assert code == 2
    assert err == f"righthelp: cannot read {missing}: No such file or directory\n"

    binary = tmp_path / "feed.json"
    binary.write_bytes(b"\xff\xfe[]")
    code, _, err = run(capsys, "directory", "import", str(binary))
    assert code == 1
    assert err == f"righthelp: {binary} is not UTF-8 text (byte 1)\n"


def test_skip_refused_imports_the_rest_and_lists_what_it_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    services = exported(capsys, "coventry")[:3]
    del services[1]["name"]
    feed = write_json(tmp_path, services)
    code, out, err = run(capsys, "directory", "import", str(feed), "--skip-refused")
    assert code == 0
    assert err == f"righthelp: {feed}: refused: [1].name: 'name' is a required property\n"
    assert "# Refused: [1].name: 'name' is a required property\n" in out
    ids = [s.id for s in load_pack(pack_with(tmp_path, out)).services]
    assert ids == ["horizon", "project-apollo-artimus"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("righthelp.cli.directory_commands.MAX_DOCUMENT_BYTES", 1_048_576)
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b" " * 2_000_000 + b"]")
    code, out, err = run(capsys, "directory", "import", str(big))
    assert (code, out) == (1, "")
    assert err == (
        f"righthelp: {big} is 1.9 MB, over the limit of 1 MB: import it in parts or from the feed\n"
    )
