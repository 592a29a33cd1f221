"""What instructor looks like: the calls that wrap an OpenAI client, and its modes.

Checked against instructor 1.17.0 (installed from PyPI; github.com/instructor-ai/instructor),
file named beside each entry.
"""

from __future__ import annotations

# `instructor.from_openai(client, mode=Mode.TOOLS, model=None, **kwargs)`
# (instructor/v2/providers/openai/client.py) and `instructor.patch(client, mode=Mode.TOOLS)`,
# `instructor.apatch(...)` (instructor/core/patch.py; exported lazily by instructor/__init__.py).
# qualified name -> position of `mode`.
WRAPPERS: dict[str, int] = {
    "instructor.from_openai": 1,
    "instructor.patch": 1,
    "instructor.apatch": 1,
}
MODE_KEYWORD = "mode"
MODE_CLASS = "Mode"  # `instructor.Mode` (instructor/__init__.py, from .mode)
DEFAULT_MODE = "TOOLS"

# Modes that force a named tool call: TOOLS sends `tool_choice={"type": "function",
# "function": {"name": ...}}` (instructor/v2/providers/openai/handlers.py, the tools handler);
# TOOLS_STRICT adds `strict` to the same schema.
FORCED_TOOL_MODES = frozenset({"TOOLS", "TOOLS_STRICT"})
# JSON_SCHEMA sends `response_format={"type": "json_schema", ...}` (handlers.py, "native
# structured outputs via response_format").
JSON_SCHEMA_MODES = frozenset({"JSON_SCHEMA"})
# JSON sends `response_format={"type": "json_object"}` (handlers.py, "Handler for OpenAI JSON
# mode"); MD_JSON asks for a ```json block in the text and needs no response_format.
JSON_MODE = "JSON"
MD_JSON_MODE = "MD_JSON"
