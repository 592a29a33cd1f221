"""The project's tables keyed by OpenAI model that lack what `apply` would write (ML204, ML503).

gpt_academic looks every model it is given up in `model_info` (request_llms/bridge_all.py), a
table keyed by OpenAI model: its config.py `LLM_MODEL`, the same setting in
docker-compose.yml's environment, each model of the `AVAIL_LLM_MODELS` menu, and
`EMBEDDING_MODEL` in `embed_model_info`. Mapped where the table has no entry for the
provider's model, each one raised KeyError (t56a D4). So a setting whose OpenAI model is a key
of such a table (`RunFacts.model_tables`, one the project may look up by keys it does not show:
`ModelTable.open`, keys that are models, not labels), or that a module of the project reads by
its name and looks up there (`ModelTable.reads`), is left while the table lacks what it maps
to, naming the table and the models missing (`table_gap`, `read_gap`); a list gains nothing
until the table has every model it would gain. A provider model already written there (by
hand, or by an earlier `apply`) that the table lacks is reported too: what `check` says stays
until every model written has its entry.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence

from migrate_llm.model_tables import NONE, RAISES, REFUSED, ModelTable, TableRead
from migrate_llm.project_doubles import project_top


def table_gap(
    tables: Iterable[ModelTable], models: Iterable[str], wanted: Iterable[str], place: str
) -> tuple[ModelTable, list[str]] | None:
    """The first table (by file and line) of the program holding the file `place`
    (`same_program`) that may be looked up by keys it does not show, keyed by some of
    `models` (OpenAI's) and lacking some of `wanted` (the provider's), with those it lacks,
    in order. None where there is none."""
    models, wanted = set(models), list(dict.fromkeys(wanted))
    for table in sorted(tables, key=lambda t: (t.shown, t.line)):
        if not table.open or table.labels or not models & set(table.keys):
            continue
        if not same_program(place, table):
            continue
        missing = [w for w in wanted if w not in table.keys]
        if missing:
            return table, missing
    return None


def same_program(place: str, table: ModelTable) -> bool:
    """Whether the file `place` belongs to a program that uses `table`: the nearest directory
    above it holding `.git` or a project's file (pyproject.toml, setup.py, requirements.txt:
    `project_doubles.project_top`) is that of the table's module or of a module reading it
    (`ModelTable.reads`, `ModelTable.imported_by`: gpt_academic's crazy_functions importing
    request_llms' `model_info`, a directory with requirements files of its own). sweep's
    docs/sdk/src/agent.py, under docs/sdk's own pyproject.toml and imported by no module of
    sweepai, is an SDK of its own: its `model_to_max_tokens` was cited for sweepai's settings
    and JSON fixtures (t63c)."""
    if table.module == place:
        return True
    cwd = os.getcwd()
    users = {table.module, *table.imported_by, *(read.module for read in table.reads)}
    here = _program_of(os.path.dirname(os.path.abspath(place)), cwd)
    return any(_program_of(os.path.dirname(os.path.abspath(u)), cwd) == here for u in users)


@functools.lru_cache(maxsize=256)
def _program_of(directory: str, cwd: str) -> str:
    return project_top(directory, cwd)


def read_gap(
    tables: Iterable[ModelTable], name: str, new: str
) -> tuple[ModelTable, TableRead] | None:
    """The first table lacking `new` that a module of the project looks the setting `name` up
    in, having got it by its name (`get_conf("LLM_MODEL")`, as an environment variable of the
    same name would set it), with that lookup; None where there is none."""
    for table in sorted(tables, key=lambda t: (t.shown, t.line)):
        if table.labels or new in table.keys:
            continue
        for read in table.reads:
            if read.name == name and not read.source:
                return table, read
    return None


def table_place(table: ModelTable) -> str:
    """`request_llms/bridge_all.py:119`, as a finding's data names a table."""
    return f"{table.shown}:{table.line}"


def table_label(table: ModelTable) -> str:
    """`model_info (line 119 of request_llms/bridge_all.py)`."""
    return f"{table.name} (line {table.line} of {table.shown})"


def gap_why(table: ModelTable, keys: Sequence[str], missing: Sequence[str]) -> str:
    """Why a model is not written where `table` has `keys` (OpenAI's) and lacks `missing`, as
    a message says after "apply leaves it: "."""
    shown = ", ".join(repr(k) for k in keys)
    lacks = ", ".join(repr(m) for m in missing)
    are = "are keys" if len(keys) > 1 else "is a key"
    them = "them" if len(missing) > 1 else "it"
    if table.none_at:
        # only `.get(model)` there: None, which the code using it meets (s59, t58d)
        return (
            f"{shown} {are} of {table_label(table)}, which has no entry for {lacks}: "
            f"{table.none_at} gives None for {them} (not a KeyError), and the code after it "
            "uses that None as an entry"
        )
    return (
        f"{shown} {are} of {table_label(table)}, which has no entry for {lacks}: where the "
        f"program looks a model up there, {table.name}[model] raises KeyError for {them}"
    )


def read_why(table: ModelTable, read: TableRead, name: str, new: str, mapped: bool = True) -> str:
    """Why a value of the setting `name` is not mapped to `new` (`mapped`; else why `new`,
    written there already, fails): `read` looks it up in `table`, which lacks `new`."""
    missed = {
        RAISES: "a KeyError",
        NONE: "None",
        REFUSED: "the error the program raises there",
    }.get(read.how, "the program takes its branch for a model missing there, silently")
    if mapped:
        plain = read.how in (RAISES, NONE, REFUSED)
        missed = f"{missed} once mapped" if plain else f"once mapped, {missed}"
    where = f"{read.lookup} on line {read.line} of {read.shown} looks {name} up"
    if read.through:
        where += f" in {table.name}"
    return f"{where}, and {table_label(table)} has no entry for {new!r} ({missed})"


def routed_table(
    tables: Iterable[ModelTable], models: Iterable[str]
) -> tuple[ModelTable, list[str]] | None:
    """The first table (by file and line) whose entries for some of `models` (OpenAI's) hold
    the provider's URL (`ModelTable.routed`: gpt_academic's `model_info` once its
    `openai_endpoint` is the provider's), with those models in order; None where there is
    none."""
    models = list(dict.fromkeys(models))
    for table in sorted(tables, key=lambda t: (t.shown, t.line)):
        routed = [m for m in models if m in table.routed]
        if routed:
            return table, routed
    return None


def routed_why(
    table: ModelTable,
    routed: Sequence[str],
    provider: str,
    targets: Sequence[str],
    held: Iterable[str],
    shape: str,
) -> str:
    """Why a list (a `shape`: list, tuple, set) holding `routed` (`routed_table`) fails once
    the table's endpoint is the provider's, and what to do, as a message says after "... is an
    OpenAI model id": `targets` what apply maps them to, `held` the list's items."""
    them = "them" if len(routed) > 1 else "it"
    advice = f"take {them} out of this {shape} and out of {table.name}"
    shown = ", ".join(repr(t) for t in targets)
    if targets and set(targets) <= set(held) & set(table.keys):
        are = "are" if len(targets) > 1 else "is"
        advice += f" ({shown}, what apply maps {them} to, {are} in both already)"
    elif targets:
        their = "their" if len(routed) > 1 else "its"
        advice += f", or put what apply maps {them} to ({shown}) in {their} place in both"
    return (
        f"keying entries of {table_label(table)} that hold {provider}'s URL: a model picked "
        f"from here goes there as it is, and {provider} does not serve it; {advice}, by hand"
    )
