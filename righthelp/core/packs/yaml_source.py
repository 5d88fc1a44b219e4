"""Reading pack YAML while keeping the line of every key and item, for error messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarint import ScalarInt

Loc = Sequence[str | int]


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data from one YAML file, and the means to find the line of any part of it."""

    path: Path
    data: Any
    _tree: Any

    def line_of(self, loc: Loc) -> int | None:
        """The 1-based line of the deepest part of ``loc`` that exists in the file."""
        node = self._tree
        line: int | None = 1
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        return line


def read_yaml(path: Path) -> YamlDocument:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        with path.open(encoding="utf-8") as stream:
            tree = yaml.load(stream)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlSyntaxError(line, message or "not valid YAML") from error
    except UnicodeDecodeError as error:
        raise YamlSyntaxError(None, f"not UTF-8 text ({error.reason})") from error
    return YamlDocument(path=path, data=_plain(tree), _tree=tree)


def _plain(node: Any) -> Any:
    """ruamel's round-trip types as built-in dicts, lists and strs."""
    if isinstance(node, dict):
        return {str(key): _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(item) for item in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, ScalarBoolean):
        return bool(node)
    if isinstance(node, ScalarInt):
        return int(node)
    if isinstance(node, ScalarFloat):
        return float(node)
    return node
