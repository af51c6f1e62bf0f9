"""Refuse YAML that is cheap to write and ruinous to read, before anything builds it.

A strategy file is a few kilobytes of plain mappings. YAML aliases let a 17 KB file stand
for billions of nodes ("billion laughs"): building it, validating it or walking it for line
numbers then takes gigabytes. The event stream is read once (linear in the text) and the
document is refused when it holds more aliases or nesting than any strategy needs.
"""

from __future__ import annotations

import yaml

MAX_ALIASES = 100
MAX_DEPTH = 64


class YamlRefused(Exception):
    """The text is refused before parsing further: `code`, a message and the line."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.line = code, message, line


def check_yaml_shape(text: str, *, max_bytes: int) -> None:
    """Raise YamlRefused for text over `max_bytes`, over MAX_ALIASES aliases or nested
    deeper than MAX_DEPTH; YAML syntax errors are left to the parser that follows."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise YamlRefused("too_large", f"the file is {size} bytes; at most {max_bytes} are read")
    aliases = depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    raise YamlRefused(
                        "too_many_aliases",
                        f"the file uses more than {MAX_ALIASES} YAML aliases (*name); "
                        "write the values out instead",
                        event.start_mark.line + 1,
                    )
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlRefused(
                        "too_deep",
                        f"the file nests more than {MAX_DEPTH} levels deep",
                        event.start_mark.line + 1,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the parser reports syntax errors with their own words and line
