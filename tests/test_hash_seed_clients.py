"""scan, check and apply give the same verdicts and bytes whatever the hash seed (t68d,
promptflow's hello.py): `Client` bound to `openai.OpenAI` in one branch and to
`openai.AzureOpenAI` in the other was read as the first class of a set of qualified
names, so even seeds gave ML001 (apply kept `**settings` beside a base_url: on the Azure
branch AzureOpenAI raised "base_url and azure_endpoint are mutually exclusive", and the
connection's key went to DeepSeek) and odd seeds ML002. Such a name is read as possibly
Azure (ML002) for a non-Azure target, whose rewrite serves both branches; for the Azure
target (r2, s68) it is the plain client on its OpenAI branch: ML001 manual, its key read
left (renamed, that branch sent AZURE_OPENAI_API_KEY and gpt-4o to api.openai.com with
check green). Each run is a subprocess (the seed is
read at start), with no cache (a cached result would hide a difference)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = str(ROOT / "src")
SEEDS = ("0", "1", "2", "3")
APP = """import os


def make_client():
    settings = dict(api_key=os.environ["AZURE_OPENAI_API_KEY"])
    if settings["api_key"].startswith("sk-"):
        from openai import OpenAI as Client
    else:
        from openai import AzureOpenAI as Client
        settings.update(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])
        settings.update(api_version="2024-02-01")
    return Client(**settings)


def ask(text):
    client = make_client()
    messages = [{"role": "user", "content": text}]
    return client.chat.completions.create(model="gpt-4o-mini", messages=messages)
"""
# both imports bind `Client` to OpenAI: none is left unused (F401)
AFTER = """import os


def make_client():
    settings = dict(api_key=os.environ["AZURE_OPENAI_API_KEY"])
    if settings["api_key"].startswith("sk-"):
        from openai import OpenAI as Client
    else:
        from openai import OpenAI as Client
        settings.update(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"])
        settings.update(api_version="2024-02-01")
    return Client(
        **{
            **{
                k: v
                for k, v in settings.items()
                if k != "api_version" and not k.startswith("azure_")
            },
            "api_key": os.environ["DEEPSEEK_API_KEY"],
            "base_url": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        }
    )


def ask(text):
    client = make_client()
    messages = [{"role": "user", "content": text}]
    return client.chat.completions.create(model="deepseek-flash", messages=messages)
"""
# what an earlier apply under an even seed left (ML001's edit), the user's fixes made: check
# was green under those seeds; this client may still be an AzureOpenAI given a base_url
WRITTEN = """import os


def make_client(given: dict):
    key = given.get("api_key")
    settings = dict(api_key=key)
    if key.startswith("sk-"):
        from openai import OpenAI as Client
    else:
        from openai import AzureOpenAI as Client
        settings.update(azure_endpoint=given.get("api_base"), api_version="2024-02-01")
    return Client(
        **{
            **settings,
            "api_key": key or os.environ.get("DEEPSEEK_API_KEY", "unset"),
            "base_url": os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
        }
    )
"""


def _run(
    root: Path, seed: str, *args: str, provider: str = "deepseek"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "migrate_llm", *args, "--provider", provider, "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_check_and_apply_agree_under_four_hash_seeds(tmp_path):
    checked, applied = [], []
    for seed in SEEDS:
        root = tmp_path / seed
        shutil.copytree(ROOT / "examples", root / "examples")
        (root / "app.py").write_text(APP, encoding="utf-8")
        (root / "written.py").write_text(WRITTEN, encoding="utf-8")
        done = _run(root, seed, "check", ".", "--format", "json")
        assert done.returncode == 1, done.stderr
        checked.append(json.loads(done.stdout))
        done = _run(root, seed, "apply", ".", "--yes", "--allow-dirty")
        assert done.returncode == 0, done.stderr
        applied.append(_tree(root))
    assert all(report == checked[0] for report in checked[1:])
    assert all(tree == applied[0] for tree in applied[1:])
    at = {(f["path"], f["line"]): f["rule"] for f in checked[0]["findings"]}
    assert at[("app.py", 12)] == "ML002"  # was ML001 under even seeds
    assert at[("written.py", 12)] == "ML002"  # was nothing: check green under even seeds
    assert not any(f["rule"] == "ML001" for f in checked[0]["findings"] if f["path"] == "app.py")
    assert applied[0]["app.py"] == AFTER.encode()


EITHER = """import os

if os.getenv("USE_AZURE"):
    from openai import AzureOpenAI as Client
else:
    from openai import OpenAI as Client

client = Client(api_key=os.environ["OPENAI_API_KEY"])
client.chat.completions.create(model="gpt-4o", messages=[])
"""


def test_azure_target_leaves_a_name_bound_to_both_clients_under_four_hash_seeds(tmp_path):
    checked = []
    for seed in SEEDS:
        root = tmp_path / seed
        root.mkdir()
        (root / "m.py").write_text(EITHER, encoding="utf-8")
        done = _run(root, seed, "check", ".", "--format", "json", provider="azure")
        assert done.returncode == 1, done.stderr
        checked.append(json.loads(done.stdout))
        done = _run(root, seed, "apply", ".", "--yes", "--allow-dirty", provider="azure")
        assert done.returncode == 0, done.stderr
        assert (root / "m.py").read_bytes() == EITHER.encode()  # the key read is not renamed
        done = _run(root, seed, "check", ".", provider="azure")
        assert done.returncode == 1, done.stdout
    assert all(report == checked[0] for report in checked[1:])
    found = {(f["line"], f["rule"]): f["fix"] for f in checked[0]["findings"]}
    assert found == {(8, "ML001"): "manual", (8, "ML401"): "manual", (9, "ML201"): "manual"}
    ml001 = next(f for f in checked[0]["findings"] if f["rule"] == "ML001")
    assert "`Client` is AzureOpenAI on another branch" in ml001["message"]
