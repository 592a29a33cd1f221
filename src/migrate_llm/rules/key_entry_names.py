"""A dict entry named for OpenAI's key variable (`{"OPENAI_BASE_URL": URL, "OPENAI_API_KEY":
None}`, filled from the environment by a loop over the dict's keys, here or in a method of
another class): it holds that variable's value at run time, so the OpenAI URL beside it moves
only where ML401 renames the entry's name. ML401 renames such a name only where the module
shows the reads it names (a loop over the dict, a constant) and has no reason to leave them
(`name_renamed`, which follows `OpenAIEnvVar.visit_Module`)."""

from __future__ import annotations

from typing import cast

import libcst as cst

from migrate_llm.rules.config_exports import exported_key
from migrate_llm.rules.env_names import EnvAccess, EnvNames, switched_key_variables
from migrate_llm.rules.env_read_facts import (
    direct_source,
    reads_kept,
    removes_variable,
    untraced,
    written,
)
from migrate_llm.rules.env_writes import guards
from migrate_llm.rules.framework_args import owns_key
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.raw_http import raw_http
from migrate_llm.rules.url_keys import claimed_by_url, paired_keys


def considered_reads(ctx: PythonContext, names: EnvNames) -> list[EnvAccess]:
    """The reads of environment variables ML401 decides on: not a raw request's (ML403), not
    one ML402 takes with the URL beside it, not one a framework rule owns, not one ML404's
    guard leaves. Found once per module."""
    found = ctx.analyses.get(considered_reads)
    if found is None:
        raw, guarded = raw_http(ctx), guards(ctx)
        found = ctx.analyses[considered_reads] = [
            a
            for a in names.accesses
            if a.kind == "read"
            and not raw.holds(names, a.node)
            and not claimed_by_url(ctx, names, a)  # ML402's, with the URL beside it
            and not owns_key(ctx, a.node, names.parent)  # ML680, ML686, ML690, ML692
            and (id(a.node) not in guarded or guarded[id(a.node)].renamed)  # ML404's, left
        ]
    return cast(list[EnvAccess], found)


def name_renamed(ctx: PythonContext, names: EnvNames, node: cst.CSTNode) -> bool:
    """Whether ML401 renames the string `node` naming OpenAI's key variable to the target's:
    only where it names reads the module shows through a constant, a loop or a dict
    (`names.by_source`), none of them sending a key the module does not trace, the variable
    not written, its reads not kept (a use of the name as another key, a computed write, a
    guarded feature), not exported, and no base-URL read beside them left (`paired_keys`).
    A name whose use the module does not show stays (ML401: manual)."""
    value = string_value(node)
    rules = ctx.rules
    if not rules.switching or value not in switched_key_variables(rules):
        return False
    raw = raw_http(ctx)
    if raw.holds(names, node):
        return False
    accesses = [
        a
        for a in considered_reads(ctx, names)
        if direct_source(names, a) is None
        and not removes_variable(ctx, names, a.node)
        and any(s.node is node for s in names.openai_sources(a))
    ]
    if not accesses:
        return False
    source = next(s for s in names.openai_sources(accesses[0]) if s.node is node)
    pairs = paired_keys(ctx, names)
    return not (
        written(names, source)
        or any(untraced(ctx, raw, names, a) for a in accesses)
        or reads_kept(ctx, names, accesses, value)
        or any(exported_key(ctx, names, a.node) is not None for a in accesses)
        or any(id(a.node) in pairs for a in accesses)
    )
