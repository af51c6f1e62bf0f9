"""Map paths inside a YAML document to the line they are written on.

`yaml.compose` keeps node marks; we walk the node tree once and record, for every mapping
value and sequence item, the 1-based line of its key (or item). Paths use the key text and
list indexes, the same shape as pydantic error locations.
"""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]


def line_map(text: str) -> dict[Path, int]:
    """`{("objectives", 0, "kpis", 1, "metric", "measure"): 17, ...}`; empty if no document."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    lines: dict[Path, int] = {}
    if root is None:
        return lines
    lines[()] = root.start_mark.line + 1
    _walk(root, (), lines)
    return lines


def _walk(node: Any, path: Path, lines: dict[Path, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = item.start_mark.line + 1
            _walk(item, child, lines)


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """Line of `path`, else of its nearest ancestor that is written in the file."""
    current = tuple(path)
    while True:
        if current in lines:
            return lines[current]
        if not current:
            return None
        current = current[:-1]
