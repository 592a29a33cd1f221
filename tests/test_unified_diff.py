"""Diffs of long files: matched between anchors, written as difflib writes a unified diff."""

from __future__ import annotations

import difflib
import itertools
import random

import pytest

from migrate_llm.diff import ANCHORED_LINES, AnchoredMatcher, _unified, unified_diff
from migrate_llm.model import FileChange


def _generated(functions: int, model: str) -> str:
    """A generated module: every function ends with the same lines."""
    return "".join(
        f"def ask_{n}(q):\n    reply = client.create(\n        model={model!r},\n"
        "        q=q,\n    )\n    return reply\n\n"
        for n in range(functions)
    )


def _rebuilt(a: list[str], b: list[str], ops: list[tuple[str, int, int, int, int]]) -> list[str]:
    out: list[str] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out += a[i1:i2]
        else:
            out += b[j1:j2]
    return out


def test_a_long_files_diff_is_matched_between_anchors_and_written_in_full():
    before = _generated(700, "gpt-4o")  # 4,900 lines: above the threshold
    after = before.replace("def ask_350(q):\n", "def ask_350(q: str):\n").replace(
        "def ask_699(q):\n    reply = client.create(\n        model='gpt-4o'",
        "def ask_699(q):\n    reply = client.create(\n        model='qwen-max'",
    )
    assert before.count("\n") * 2 > ANCHORED_LINES
    text, masked = unified_diff(FileChange("gen.py", before, after))
    assert not masked
    assert text == (
        "--- a/gen.py\n"
        "+++ b/gen.py\n"
        "@@ -2448,7 +2448,7 @@\n"
        "     )\n"
        "     return reply\n"
        " \n"
        "-def ask_350(q):\n"
        "+def ask_350(q: str):\n"
        "     reply = client.create(\n"
        "         model='gpt-4o',\n"
        "         q=q,\n"
        "@@ -4893,7 +4893,7 @@\n"
        " \n"
        " def ask_699(q):\n"
        "     reply = client.create(\n"
        "-        model='gpt-4o',\n"
        "+        model='qwen-max',\n"
        "         q=q,\n"
        "     )\n"
        "     return reply\n"
    )


def test_every_line_changed_in_a_long_file_is_one_hunk_that_rebuilds_it():
    before = _generated(600, "gpt-4o").splitlines(keepends=True)
    after = _generated(600, "qwen-max").splitlines(keepends=True)
    matcher = AnchoredMatcher(before, after)
    assert _rebuilt(before, after, matcher.get_opcodes()) == after
    hunks = list(matcher.get_grouped_opcodes(3))
    assert len(hunks) == 1
    assert sum(1 for tag, *_ in hunks[0] if tag == "replace") == 600


@pytest.mark.parametrize("seed", range(40))
def test_anchored_opcodes_cover_both_lists_and_rebuild_the_new_one(seed):
    rng = random.Random(seed)
    a = [f"line {rng.randint(0, 15)}\n" for _ in range(rng.randint(0, 80))]
    b = list(a)
    for _ in range(rng.randint(0, 8)):
        at = rng.randint(0, len(b))
        roll = rng.random()
        if roll < 0.35:
            b.insert(at, f"new {rng.randint(0, 40)}\n")
        elif b and roll < 0.7:
            del b[min(at, len(b) - 1)]
        elif b:
            b[min(at, len(b) - 1)] = f"changed {rng.randint(0, 6)}\n"
    if b and rng.random() < 0.2:
        b[-1] = b[-1].rstrip("\n")  # no newline at the end
    ops = AnchoredMatcher(a, b).get_opcodes()
    assert _rebuilt(a, b, ops) == b
    for earlier, later in itertools.pairwise(ops):
        assert (earlier[2], earlier[4]) == (later[1], later[3])
        assert not (earlier[0] == later[0] == "equal")
    # the hunks are written as difflib writes them, given difflib's own matching
    plain = difflib.SequenceMatcher(None, a, b)
    assert list(_unified(plain, a, b, "a/x", "b/x", 3)) == list(
        difflib.unified_diff(a, b, "a/x", "b/x", n=3, lineterm="\n")
    )


def test_a_short_files_diff_is_difflibs():
    before = "a\nb\nc\nb\nd\n"
    after = "a\nc\nb\nx\nd\n"
    text, _ = unified_diff(FileChange("s.py", before, after))
    assert text == "".join(
        difflib.unified_diff(
            before.splitlines(True), after.splitlines(True), "a/s.py", "b/s.py", lineterm="\n"
        )
    )
