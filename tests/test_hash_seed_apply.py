"""apply writes the same bytes whatever the hash seed (session-66 review, g1): a ChatOpenAI
imported from langchain_openai in a `try` and from langchain.chat_models in its `except
ImportError` is bound to both classes; which one the rules took followed the iteration of a
set, so PYTHONHASHSEED=0 wrote `openai_api_key=` and `model_kwargs={"extra_body": ...}` and
other seeds `api_key=` and `extra_body=`. The older class's keywords are chosen: the newer
package takes them too, the older one has no `api_key` alias. Each run is a subprocess
(the seed is read at start), with no cache (a cached result would hide a difference)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parent.parent / "src")
APP = (
    "try:\n    from langchain_openai import ChatOpenAI\n"
    "except ImportError:\n    from langchain.chat_models import ChatOpenAI\n\n"
    'llm = ChatOpenAI(model="gpt-4o")\n'
)
AFTER = (
    "import os\n\n"
    "try:\n    from langchain_openai import ChatOpenAI\n"
    "except ImportError:\n    from langchain.chat_models import ChatOpenAI\n\n"
    "llm = ChatOpenAI(\n"
    '    openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '    openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    '    model_kwargs={"extra_body": {"thinking": {"type": "disabled"}}},\n'
    '    tiktoken_model_name="gpt-4o",\n'
    '    model="deepseek-v4-pro",\n'
    ")\n"
)


def _applied(root: Path, seed: str) -> bytes:
    """The bytes of app.py once `apply --yes --no-cache` ran under PYTHONHASHSEED=`seed`."""
    (root / "app.py").write_text(APP, encoding="utf-8")
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": SRC}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "migrate_llm", "apply", ".", "--provider", "deepseek"),
            *("--yes", "--allow-dirty", "--no-cache"),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return (root / "app.py").read_bytes()


def test_apply_writes_the_same_bytes_under_two_hash_seeds(tmp_path):
    first = _applied(tmp_path, "0")
    assert first == AFTER.encode()
    assert _applied(tmp_path, "1") == first  # was `api_key=` and `extra_body=`
