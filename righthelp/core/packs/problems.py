"""What is wrong with a pack, said so that its author can find it: file, line, field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from righthelp.core.packs.yaml_source import Loc


def field_path(loc: Loc) -> str:
    """``('outcomes', 2, 'indicators', 0, 'level')`` as ``outcomes[2].indicators[0].level``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


@dataclass(frozen=True)
class PackProblem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class PackLoadError(Exception):
    """The pack did not load. ``problems`` lists every problem found, in file order."""

    def __init__(self, directory: str, problems: Sequence[PackProblem]) -> None:
        self.directory = directory
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        details = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"pack {directory} has {count} {noun}:\n{details}")
