"""The stand-in keys a project's test code writes in OpenAI's key variables, each with whether
ML404 renames the write to the provider's variable (`RunFacts.stand_in_writes`): a test of
another module removing that variable (`del os.environ["OPENAI_API_KEY"]`, `pop`) is renamed
with them, so that it does not raise KeyError once conftest.py sets the provider's variable
(ML401; quivr, t67c)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from migrate_llm import openai_sdk as sdk
from migrate_llm.reread import parsed_context

if TYPE_CHECKING:
    from migrate_llm.rules.base import RuleContext

_KEYS = rb"|".join(re.escape(name.encode()) for name in sorted(sdk.KEY_VARS_TO_SWITCH))
# a literal written in one of them: `environ["OPENAI_API_KEY"] = "..."`, `setdefault(..., "...")`
_WRITE = re.compile(
    rb"environ\s*\[\s*[\"'](?:" + _KEYS + rb")[\"']\s*\]\s*=(?!=)\s*[rRuU]?[\"']"
    rb"|setdefault\(\s*[\"'](?:" + _KEYS + rb")[\"']\s*,\s*[rRuU]?[\"']"
)
# a removal of one: `del os.environ["OPENAI_API_KEY"]`, `environ.pop("OPENAI_API_KEY")`
_REMOVAL = re.compile(
    rb"\bdel\s+(?:os\.)?environ\s*\[\s*[\"'](?:" + _KEYS + rb")[\"']"
    rb"|environ\.pop\(\s*[\"'](?:" + _KEYS + rb")[\"']"
)
# larger modules are not read again (a cost bound, as `key_left`'s)
MAX_BYTES = 512 * 1024


class StandInWrite(NamedTuple):
    """A literal stand-in written in `variable` by test code at `where` (module as
    shown:line), `renamed` where ML404 moves it to the provider's variable."""

    variable: str
    where: str
    renamed: bool


def may_write(data: bytes) -> bool:
    """Whether a module's bytes may write a literal in OpenAI's key variable (a byte test)."""
    return _WRITE.search(data) is not None


def may_remove(data: bytes) -> bool:
    """Whether a module's bytes may remove OpenAI's key variable (a byte test)."""
    return _REMOVAL.search(data) is not None


def stand_ins_of(module: str, shown: str, data: bytes, rules: RuleContext) -> list[StandInWrite]:
    """The writes of a literal that holds no key in OpenAI's key variables made by test code
    (`test_code.in_test`) in the module `module` (shown as `shown`, its bytes `data`), each
    with ML404's judgment (`env_writes.stand_in_rename`). Empty where it cannot be parsed or
    is too large."""
    if len(data) > MAX_BYTES or not may_write(data):
        return []
    from migrate_llm.rules.env_names import env_names
    from migrate_llm.rules.env_writes import stand_in_rename
    from migrate_llm.rules.python_context import string_value
    from migrate_llm.rules.test_code import in_test
    from migrate_llm.secrets import find_secrets, is_placeholder, stand_in_words

    found: list[StandInWrite] = []
    with parsed_context(data, rules, module) as ctx:
        if ctx is None:
            return found
        names = env_names(ctx)
        for access in names.accesses:
            if access.kind != "write" or access.value is None:
                continue
            if string_value(access.value) is None:
                continue
            if not in_test(ctx, ctx.ancestors(access.node)):
                continue
            secrets = find_secrets(ctx.code(access.value))
            if not all(is_placeholder(s) or stand_in_words(s) for s in secrets):
                continue  # a key: ML404 removes the line
            for source in names.openai_sources(access):
                if source.value in sdk.KEY_VARS_TO_SWITCH:
                    renamed = stand_in_rename(ctx, names, access, source) is not None
                    line = ctx.position(access.node)[0][0]
                    found.append(StandInWrite(source.value, f"{shown}:{line}", renamed))
    return found
