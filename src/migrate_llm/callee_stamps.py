"""The stamps of a project's Python modules that ML401 and ML206 may read for a callee of
another module (`RunFacts.callee_modules`).

A key test's guarded code calling a function of another module (`rules/guarded_callees`),
or a test handing a model to the project's own class (`rules/callee_models`), is judged by
what that other module holds: an edit to it alone changes the result of the module calling
it, whose own bytes are the same. Which modules a call reaches is only known once it is
parsed, so every Python module of such a project keys its results (coarse, never stale):
a project one of whose modules names OpenAI's variables (`OPENAI_`, a key test's) where the
run switches provider, or holds test code naming a model (`def test`, a test file's name).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable

# a test file as pytest collects it (`rules/test_code.in_test`)
_TEST_FILE = re.compile(r"(?:test_.*|.*_test|conftest)\.py")


def callee_modules(
    modules: Iterable[tuple[str, str]], read: Callable[[str], bytes | None], switching: bool
) -> dict[str, frozenset[tuple[str, str]]]:
    """By project root, the (absolute path, sha256) of each of its Python modules `modules`
    ((root, name) pairs; `read` gives a module's bytes) where one of them may reach a callee
    of another (see the module's docstring); projects holding none are left out."""
    by_root: dict[str, list[tuple[str, bytes]]] = {}
    reaching: set[str] = set()
    for root, name in modules:
        data = read(name)
        if data is None:
            continue
        by_root.setdefault(root, []).append((name, data))
        if root not in reaching and _may_reach(name, data, switching):
            reaching.add(root)
    return {
        root: frozenset(
            (os.path.abspath(name), hashlib.sha256(data).hexdigest()) for name, data in listed
        )
        for root, listed in by_root.items()
        if root in reaching and len(listed) > 1
    }


def _may_reach(name: str, data: bytes, switching: bool) -> bool:
    """Whether the module `name` holding `data` may be judged by another module's callee."""
    if switching and b"OPENAI_" in data:
        return True
    if b"model" not in data:
        return False
    return b"def test" in data or _TEST_FILE.fullmatch(os.path.basename(name)) is not None
