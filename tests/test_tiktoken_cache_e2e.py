"""End to end with the real tiktoken (marker `frameworks`): a Python constant named like
tiktoken's cache variable points tiktoken nowhere (t63c, sweep's `TIKTOKEN_CACHE_DIR =
"/tmp/cache/tiktoken"`). With no cache in the environment the program goes to OpenAI's host
for its encoding (the guard refuses it) and `check` fails on ML208; the same constant put into
the environment (`os.environ.setdefault`) is read, the program counts offline, and `check`
passes."""

from __future__ import annotations

import json

import pytest

from .cli_findings import run_json, write_here
from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .test_frameworks_langchain_e2e import tiktoken_cache

pytestmark = pytest.mark.frameworks

ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]
COUNT = (
    "def count(text: str) -> int:\n"
    '    return len(tiktoken.get_encoding("cl100k_base").encode(text))\n'
)
PROGRAM = "import json\n\nfrom tokens import count\n\nprint(json.dumps(count('hello world')))\n"


@pytest.mark.parametrize(
    ("setting", "rules", "blocked"),
    [
        ("", ["ML208"], ["openaipublic.blob.core.windows.net"]),
        ('os.environ.setdefault("TIKTOKEN_CACHE_DIR", TIKTOKEN_CACHE_DIR)\n', [], []),
    ],
)
def test_only_the_environment_points_tiktoken_at_its_files(
    tmp_path, monkeypatch, setting, rules, blocked
):
    pytest.importorskip("tiktoken")
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    cache = tiktoken_cache()
    root = tmp_path / "app"
    root.mkdir()
    tokens = f"import os\n\nimport tiktoken\n\nTIKTOKEN_CACHE_DIR = {cache!r}\n{setting}\n\n{COUNT}"
    write_here(root, monkeypatch, {"tokens.py": tokens, "run.py": PROGRAM})
    code, report = run_json("check", ".", *ACME, "--no-cache")
    assert (code, [f["rule"] for f in report["findings"]]) == (1 if rules else 0, rules)
    empty = tmp_path / "empty"  # the fallback directory, empty: no file but from the host
    empty.mkdir()
    proc, refused = run_guarded("run.py", root, {"DATA_GYM_CACHE_DIR": str(empty)})
    assert refused == blocked, proc.stderr
    if blocked:
        assert proc.returncode == 1
    else:
        assert (proc.returncode, json.loads(proc.stdout)) == (0, 2), proc.stderr
