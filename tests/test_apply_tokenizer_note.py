"""apply names tiktoken's download from OpenAI's host in one line before its next step
(ML208's notes showed only with `scan --show-notes`, while trials whose network reached no
other host stopped most entry points there: t49a, t49b, t49e). Since t58c D1 a load is a
warning, listed as left for you; the line counts the notes, where a file of the project
names TIKTOKEN_CACHE_DIR."""

from __future__ import annotations

from .apply_summary import summary_lines

CLIENT = (
    'from openai import OpenAI\n\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'
)
COUNTS = 'import tiktoken\n\nENC = tiktoken.get_encoding("cl100k_base")\n' + CLIENT
NOTE = (
    "Note: tiktoken downloads its encodings from openaipublic.blob.core.windows.net, OpenAI's "
    "host, the first time {these} one ({n}: ML208, `scan --show-notes` lists them) unless "
    "TIKTOKEN_CACHE_DIR holds them: a file of the project names that variable; make sure the "
    "directory it names holds them wherever the program runs."
)
CACHED = {".env": "TIKTOKEN_CACHE_DIR=/srv/tk\n"}


def lines(tmp_path, monkeypatch, files):
    return summary_lines(tmp_path, monkeypatch, files, "qwen")


def test_one_module_loading_an_encoding_is_named_before_the_next_step(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": COUNTS, **CACHED})
    assert out[-2] == NOTE.format(these="this module loads", n="1 module")
    assert out[-1].startswith("Next: ")


def test_modules_are_counted(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": COUNTS, "b.py": COUNTS, **CACHED})
    assert out[-2] == NOTE.format(these="these modules load", n="2 modules")


def test_a_load_no_file_sets_up_is_left_for_you(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": COUNTS})
    assert not any(line.startswith("Note:") for line in out)
    left = out.index("Left for you (not rewritten):")
    assert out[left + 1].startswith(
        "  a.py:3:7 ML208 warning tiktoken.get_encoding() loads a tiktoken encoding, which "
        "tiktoken downloads from OpenAI's host openaipublic.blob.core.windows.net"
    )


def test_no_encoding_loaded_no_note(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": CLIENT})
    assert not any(line.startswith("Note:") for line in out)
    assert out[-1].startswith("Next: ")


def test_a_module_naming_the_cache_variable_is_not_counted(tmp_path, monkeypatch):
    cached = 'import os\n\nos.environ.setdefault("TIKTOKEN_CACHE_DIR", "/srv/tk")\n' + COUNTS
    out = lines(tmp_path, monkeypatch, {"a.py": cached})
    assert not any(line.startswith("Note:") for line in out)
