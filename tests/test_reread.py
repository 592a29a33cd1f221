"""The screening's passes read each file once and parse each shared module once (`reread`)."""

import pytest

from migrate_llm.reread import cst_module, read_once, reading_once
from migrate_llm.textio import UnreadableFile, python_parsed


def test_a_file_is_read_once_inside_and_afresh_outside(tmp_path):
    path = tmp_path / "app.py"
    path.write_text("x = 1\n")
    with reading_once():
        first = read_once(str(path))
        path.write_text("x = 2\n")
        assert read_once(str(path)) is first
        assert read_once(str(tmp_path / "." / "app.py")) is first  # the same file
    assert read_once(str(path)) == b"x = 2\n"


def test_an_unreadable_file_stays_unreadable(tmp_path):
    path = tmp_path / "big.py"
    path.write_text("x = 1\n" * 10)
    with reading_once():
        for _ in range(2):
            with pytest.raises(UnreadableFile):
                read_once(str(path), 8)
        assert read_once(str(path)).startswith(b"x = 1")  # another limit: another read


def test_only_shared_modules_keep_their_trees(tmp_path):
    shared, alone = tmp_path / "shared.py", tmp_path / "alone.py"
    shared.write_text("import os\n")
    alone.write_text("import sys\n")
    with reading_once() as reads:
        reads.share([str(shared)])
        data = read_once(str(shared))
        tree = python_parsed(data)
        assert tree is not None and python_parsed(data) is tree
        assert cst_module(tree[0]) is cst_module(tree[0])
        other = read_once(str(alone))
        assert python_parsed(other) is not python_parsed(other)
    assert python_parsed(data) is not tree  # let go with the screening
    assert python_parsed(b"def (") is None
