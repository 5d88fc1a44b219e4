"""Printing results as JSON or text."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def add_format_option(parser: Any, default: str = "text") -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default=default,
        help=f"output format (default {default})",
    )
