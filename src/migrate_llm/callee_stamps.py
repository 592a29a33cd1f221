"""The stamps of a project's Python modules that ML401 and ML206 may read for a callee of
another module (`RunFacts.callee_modules`).

A key test's guarded code calling a function of another module (`rules/guarded_callees`),
or a test handing a model to the project's own class (`rules/callee_models`), is judged by
what that other module holds: an edit to it alone changes the result of the module calling
it, whose own bytes are the same. Which modules a call reaches is only known once it is
parsed, so every Python module of such a project keys its results (coarse, never stale):
a project one of whose modules names OpenAI's variables (`OPENAI_`, a key test's) where the
run switches provider, or holds test code naming a model (`def test`, a test file's name).
Both are screening facts, and a module is keyed by its stamp (size, modification and change
times, inode: what a kept screening is trusted by), the one screening took or, where it took
none, one taken now: an unchanged tree is not read again for them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from migrate_llm.run_facts import DEFINES_TEST, NAMES_MODEL_WORD, NAMES_OPENAI_VARIABLE
from migrate_llm.textio import Stamp, stamp_of

# a test file as pytest collects it (`rules/test_code.in_test`)
_TEST_FILE = re.compile(r"(?:test_.*|.*_test|conftest)\.py")


def callee_modules(
    modules: Iterable[tuple[str, str, int, Stamp | None]], switching: bool
) -> dict[str, frozenset[tuple[str, str]]]:
    """By project root, the (absolute path, stamp) of each of its Python modules `modules`
    ((root, name, screening facts, screening stamp)) where one of them may reach a callee of
    another (see the module's docstring); projects holding none are left out, and modules
    that are gone."""
    by_root: dict[str, list[tuple[str, Stamp | None]]] = {}
    reaching: set[str] = set()
    for root, name, facts, stamp in modules:
        by_root.setdefault(root, []).append((name, stamp))
        if root not in reaching and _may_reach(name, facts, switching):
            reaching.add(root)
    found: dict[str, frozenset[tuple[str, str]]] = {}
    for root, listed in by_root.items():
        if root not in reaching or len(listed) < 2:
            continue
        keyed = set()
        for name, stamp in listed:
            if stamp is None:
                try:
                    stamp = stamp_of(os.stat(name))
                except OSError:
                    continue
            keyed.add((os.path.abspath(name), repr(stamp)))
        found[root] = frozenset(keyed)
    return found


def _may_reach(name: str, facts: int, switching: bool) -> bool:
    """Whether the module `name`, its screening facts `facts`, may be judged by another
    module's callee."""
    if switching and facts & NAMES_OPENAI_VARIABLE:
        return True
    if not facts & NAMES_MODEL_WORD:
        return False
    return bool(facts & DEFINES_TEST) or _TEST_FILE.fullmatch(os.path.basename(name)) is not None
