"""Members of another package's enum whose names spell an OpenAI model, as ML204 reads them.

paper-qa's `llm: str = Field(default=CommonLLMNames.GPT_4O.value)`: lmi's enum holds
"gpt-4o-2024-11-20", which litellm sends to OpenAI, but the value lives in an installed
package that no scan reads, so no literal of the module shows a model. The member's name
does: `GPT_4O`, lowercased and `_` read as `-` (`openai_sdk.member_model`), is an id the
`[detect] models` of providers/openai.toml take. Read here: an attribute naming such a member
(`Owner.GPT_4O`, also `.value` of it), whose owner the module imports from another package.
Not a class of the module, nor one imported relatively or from a package named by a
directory of the module's path (the project's own): their members' values are literals a
scan reads (ML204, ML205).
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import cast

import libcst as cst

from migrate_llm.import_roots import project_file_module
from migrate_llm.openai_sdk import member_model, member_stems
from migrate_llm.rules.python_context import PythonContext

_VALUE = "value"  # an enum member's value: `Owner.GPT_4O.value`


@dataclass(frozen=True)
class Member:
    """What the module writes (`node`: `CommonLLMNames.GPT_4O.value`), the OpenAI model its
    member's name spells and the class it belongs to (`lmi.CommonLLMNames`)."""

    node: cst.Attribute
    model: str
    owner: str


@functools.cache
def _member_names(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """An attribute whose name starts like a model of `patterns` (`member_stems`), in any
    case: a module without one has no member to read."""
    stems = "|".join(re.escape(stem) for stem in member_stems(patterns)) or "(?!)"
    return re.compile(rf"(?i)\.(?:{stems})")


def imported_members(ctx: PythonContext) -> list[Member]:
    """The module's readings of members of another package's class whose names spell an
    OpenAI model, in the order of the text (found once per module)."""
    found = ctx.analyses.get(imported_members)
    if found is None:
        found = ctx.analyses[imported_members] = _members(ctx)
    return cast(list[Member], found)


def _members(ctx: PythonContext) -> list[Member]:
    openai = ctx.rules.openai
    if _member_names(openai.model_patterns).search(ctx.text) is None:
        return []
    found = []
    for node in ctx.nodes:
        if type(node) is not cst.Attribute:
            continue
        model = member_model(node.attr.value, openai.serves)
        if model is None:
            continue
        owner = _foreign_owner(ctx, node.value)
        if owner is None:
            continue
        parent = ctx.ancestors(node)[-1]
        if isinstance(parent, cst.Attribute) and parent.value is node:
            if parent.attr.value != _VALUE:
                continue  # `Owner.GPT_4O.name`, a method: not the model
            node = parent
        found.append(Member(node, model, owner))
    return found


def _foreign_owner(ctx: PythonContext, owner: cst.BaseExpression) -> str | None:
    """The qualified name of `owner` where the module imports it from another package than
    its own: not a relative import, nor a package named by a directory of the module's path
    (or the module itself)."""
    if not isinstance(owner, (cst.Name, cst.Attribute)):
        return None
    names = sorted(ctx.qualnames(owner))
    path = PurePosixPath(ctx.path.replace("\\", "/"))
    own = {*path.parent.parts, path.stem}
    for name in names:
        if name.startswith(".") or name.split(".")[0] in own or project_owned(ctx, name):
            return None
    return names[0] if names else None


def project_owned(ctx: PythonContext, name: str) -> bool:
    """Whether `name` (`common.const`, `common.const.Models`) is, or is a member of, a module
    of the project a scan reads (`project_file_module`: `from common import const` beside a
    `common/const.py`, a namespace package too): its values are literals ML204 reads there."""
    if not ctx.path:
        return False
    directory = os.path.dirname(ctx.path)
    parts = name.split(".")
    return any(
        project_file_module(directory, ".".join(parts[:n])) for n in range(len(parts), 0, -1)
    )
