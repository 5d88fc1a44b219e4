"""Loading a practice pack folder into a checked ``Pack``.

Two passes, so that every problem is reported at once with its file, line and field:
each file is parsed against its schema, then the whole pack is checked (``checks.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from righthelp.core.packs.checks import check_pack
from righthelp.core.packs.pack import Pack
from righthelp.core.packs.problems import PackLoadError, PackProblem, field_path
from righthelp.core.packs.schema import (
    ID_PATTERN,
    RULE_KINDS,
    CriteriaFile,
    GuidanceFile,
    InstrumentsFile,
    LevelsFile,
    OutcomesFile,
    PackManifest,
    RulesFile,
    ServicesFile,
    SynonymsFile,
)
from righthelp.core.packs.yaml_source import YamlDocument, YamlSyntaxError, read_yaml

MANIFEST = "pack.yaml"

# Each optional file, the model that parses it, and the Pack field its one key fills.
CONTENT_FILES: dict[str, type[BaseModel]] = {
    "levels.yaml": LevelsFile,
    "outcomes.yaml": OutcomesFile,
    "criteria.yaml": CriteriaFile,
    "instruments.yaml": InstrumentsFile,
    "services.yaml": ServicesFile,
    "guidance.yaml": GuidanceFile,
    "rules.yaml": RulesFile,
    "synonyms.yaml": SynonymsFile,
}


def load_pack(directory: str | Path) -> Pack:
    """Load and check the pack in ``directory``; raise ``PackLoadError`` listing every problem."""
    folder = Path(directory)
    name = str(directory)
    if not folder.is_dir():
        raise PackLoadError(name, [PackProblem(name, None, "", "is not a folder")])

    problems: list[PackProblem] = []
    problems.extend(_unexpected_files(folder))
    documents: dict[str, YamlDocument] = {}
    fields: dict[str, Any] = {}

    manifest = _parse(folder / MANIFEST, PackManifest, problems, documents, required=True)
    if manifest is not None:
        fields.update(manifest.model_dump())
    for file_name, model in CONTENT_FILES.items():
        parsed = _parse(folder / file_name, model, problems, documents, required=False)
        if parsed is not None:
            fields.update({key: getattr(parsed, key) for key in type(parsed).model_fields})
    if problems:
        raise PackLoadError(name, problems)

    pack = Pack.model_validate(fields)
    for finding in check_pack(pack):
        document = documents.get(finding.file)
        line = document.line_of(finding.loc) if document else None
        problems.append(PackProblem(finding.file, line, field_path(finding.loc), finding.message))
    if problems:
        raise PackLoadError(name, problems)
    return pack


def _unexpected_files(folder: Path) -> list[PackProblem]:
    """A misspelt file name would otherwise be silently ignored."""
    known = {MANIFEST, *CONTENT_FILES}
    return [
        PackProblem(
            path.name,
            None,
            "",
            f"unknown pack file; expected one of {', '.join(sorted(known))}",
        )
        for path in sorted(folder.iterdir())
        if path.suffix in {".yaml", ".yml"} and path.name not in known
    ]


M = TypeVar("M", bound=BaseModel)


def _parse(
    path: Path,
    model: type[M],
    problems: list[PackProblem],
    documents: dict[str, YamlDocument],
    *,
    required: bool,
) -> M | None:
    if not path.exists():
        if required:
            problems.append(PackProblem(path.name, None, "", "is missing: every pack needs one"))
        return None
    try:
        document = read_yaml(path)
    except YamlSyntaxError as error:
        problems.append(PackProblem(path.name, error.line, "", error.message))
        return None
    documents[path.name] = document
    if not isinstance(document.data, dict):
        problems.append(PackProblem(path.name, 1, "", "must be a mapping of keys to values"))
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        for detail in error.errors():
            loc = _without_union_tags(detail["loc"])
            problems.append(
                PackProblem(path.name, document.line_of(loc), field_path(loc), _message(detail))
            )
        return None


def _without_union_tags(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Pydantic puts a tagged union's tag in the path (rules[0].referral_consent.routes)."""
    return tuple(
        part
        for index, part in enumerate(loc)
        if not (index > 0 and isinstance(loc[index - 1], int) and part in RULE_KINDS)
    )


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    given = detail.get("input")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_type" and isinstance(given, int | float):
        return f"expected text, got the number {given!r}: put it in quotes"
    if kind == "string_pattern_mismatch" and isinstance(given, str):
        pattern = (detail.get("ctx") or {}).get("pattern")
        if pattern == ID_PATTERN.pattern:
            return f"{given!r} is not a valid id: use lower case letters, digits, '.' and '-'"
        return f"{given!r} does not have the expected form ({pattern})"
    return str(detail["msg"])
