"""What a dict display given as a request's `extra_body` sends, as the code shows it.

`extra_body={"tool_stream": True}` sends its string-keyed entries. A display that spreads
another mapping (`{**kwargs.get("extra_body", {}), "tool_stream": True}`, which keeps the
`extra_body` a caller passed) sends what that mapping holds, then the entries written after
the last `**`: later keys win, so those are sent whatever the mapping holds, and an entry
written before a `**` may be replaced by it. ML116, ML118 and ML114 read `extra_body` so.
"""

from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from migrate_llm.rules.python_context import string_value


class BodyEntries(NamedTuple):
    """The entries a dict display surely sends (`sure`: its string-keyed entries after its
    last `**`), and whether it spreads another mapping (`spread`), which may send others."""

    sure: dict[str, cst.BaseExpression]
    spread: bool


def body_entries(node: cst.BaseExpression) -> BodyEntries | None:
    """The entries the dict display `node` surely sends; None for anything else."""
    if not isinstance(node, cst.Dict):
        return None
    sure: dict[str, cst.BaseExpression] = {}
    spread = False
    for element in node.elements:
        if not isinstance(element, cst.DictElement):  # `**mapping`
            sure, spread = {}, True  # it may replace any entry written before it
            continue
        key = string_value(element.key)
        if key is not None:
            sure[key] = element.value
    return BodyEntries(sure, spread)
