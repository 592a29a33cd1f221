"""apply names tiktoken's download from OpenAI's host in one line before its next step
(ML208's notes showed only with `scan --show-notes`, while trials whose network reached no
other host stopped most entry points there: t49a, t49b, t49e)."""

from __future__ import annotations

from .apply_summary import summary_lines

CLIENT = (
    'from openai import OpenAI\n\nOpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'
)
COUNTS = 'import tiktoken\n\nENC = tiktoken.get_encoding("cl100k_base")\n' + CLIENT
NOTE = (
    "Note: tiktoken downloads its encodings from openaipublic.blob.core.windows.net, OpenAI's "
    "host, the first time {these} one ({n}: ML208, `scan --show-notes` lists them); where "
    "that host cannot be reached, download them beforehand and set TIKTOKEN_CACHE_DIR to their "
    "directory."
)


def lines(tmp_path, monkeypatch, files):
    return summary_lines(tmp_path, monkeypatch, files, "qwen")


def test_one_module_loading_an_encoding_is_named_before_the_next_step(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": COUNTS})
    assert out[-2] == NOTE.format(these="this module loads", n="1 module")
    assert out[-1].startswith("Next: ")


def test_modules_are_counted(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": COUNTS, "b.py": COUNTS})
    assert out[-2] == NOTE.format(these="these modules load", n="2 modules")


def test_no_encoding_loaded_no_note(tmp_path, monkeypatch):
    out = lines(tmp_path, monkeypatch, {"a.py": CLIENT})
    assert not any(line.startswith("Note:") for line in out)
    assert out[-1].startswith("Next: ")


def test_a_module_naming_the_cache_variable_is_not_counted(tmp_path, monkeypatch):
    cached = 'import os\n\nos.environ.setdefault("TIKTOKEN_CACHE_DIR", "/srv/tk")\n' + COUNTS
    out = lines(tmp_path, monkeypatch, {"a.py": cached})
    assert not any(line.startswith("Note:") for line in out)
