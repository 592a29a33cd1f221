"""The target's own SDK client (`[detect] sdk_clients`: `zhipuai.ZhipuAI`, `zai.ZhipuAiClient`
for Zhipu AI) takes the target's key and base URL: with `--provider zhipu`, a read of OpenAI's
variables given to it is renamed like any key read; with another target it stays another
service's client, and the reads are left (manual)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomllib

from migrate_llm.errors import ProviderError
from migrate_llm.registry import load_registry, parse_provider

from .cli_findings import invoke

ZHIPUAI = """import os

from zhipuai import ZhipuAI

client = ZhipuAI(api_key=os.getenv("OPENAI_API_KEY"), base_url=os.getenv("OPENAI_BASE_URL"))
"""
ZHIPUAI_AFTER = """import os

from zhipuai import ZhipuAI

client = ZhipuAI(
    api_key=os.getenv("ZAI_API_KEY"),
    base_url=os.getenv("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)
"""
ZAI = """import os

from zai import ZhipuAiClient

client = ZhipuAiClient(api_key=os.environ["OPENAI_API_KEY"])
"""
ZAI_AFTER = """import os

from zai import ZhipuAiClient

client = ZhipuAiClient(api_key=os.environ["ZAI_API_KEY"])
"""
ZHIPU = "Zhipu AI (GLM)"
KEY_HELP = f"{ZHIPU}'s key is in ZAI_API_KEY (the OpenAI key is not copied)"

URL_HELP = f"{ZHIPU}'s base URL is in ZAI_BASE_URL (default https://open.bigmodel.cn/api/paas/v4)"


def findings(root: Path, provider: str) -> list[tuple[int, str, str, str]]:
    code, out = invoke("scan", str(root), "--provider", provider, "--no-cache", "--format", "json")
    assert code == 0, out
    return [(f["line"], f["rule"], f["fix"], f["message"]) for f in json.loads(out)["findings"]]


def test_zhipu_names_its_own_sdk_clients():
    zhipu = load_registry().get("zhipu")
    assert zhipu.sdk_clients == {"zhipuai.ZhipuAI", "zai.ZhipuAiClient", "zai.ZaiClient"}
    assert [s.kind for s in zhipu.source_of("detect", "sdk_clients")] == ["official-sdk"] * 3
    assert load_registry().get("qwen").sdk_clients == frozenset()


def test_an_sdk_client_that_is_no_class_path_is_rejected():
    text = (Path(load_registry().get("zhipu").source).read_text()).replace(
        '"zai.ZaiClient"]', '"ZaiClient"]'
    )
    with pytest.raises(ProviderError, match=r"detect\.sdk_clients: 'ZaiClient' is not a dotted"):
        parse_provider(tomllib.loads(text), "zhipu.toml")


def test_the_targets_own_sdk_client_gets_the_targets_key(tmp_path):
    (tmp_path / "app.py").write_text(ZHIPUAI)
    (tmp_path / "zai_app.py").write_text(ZAI)
    assert findings(tmp_path, "zhipu") == [
        (5, "ML401", "safe", f"reads OPENAI_API_KEY; {KEY_HELP}"),
        (5, "ML401", "safe", f"reads OPENAI_BASE_URL; {URL_HELP}"),
        (5, "ML401", "safe", f"reads OPENAI_API_KEY; {KEY_HELP}"),
    ]
    assert invoke("apply", str(tmp_path), "--provider", "zhipu", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == ZHIPUAI_AFTER
    assert (tmp_path / "zai_app.py").read_text() == ZAI_AFTER
    assert invoke("check", str(tmp_path), "--provider", "zhipu", "--no-cache")[0] == 0


def test_another_targets_zhipu_client_is_left(tmp_path):
    (tmp_path / "app.py").write_text(ZHIPUAI)
    (tmp_path / "zai_app.py").write_text(ZAI)
    qwen = "Alibaba Qwen (DashScope / Model Studio)"
    assert findings(tmp_path, "qwen") == [
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to ZhipuAI() on line 5, a client of another "
            "service's own SDK (zhipuai.ZhipuAI), which sends it to that service: neither "
            f"OpenAI's key nor {qwen}'s (DASHSCOPE_API_KEY) belongs there, and apply leaves "
            "the call; give it that service's key, by hand",
        ),
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of ZhipuAI() on line 5, a "
            "client of another service's own SDK (zhipuai.ZhipuAI), which sends that service's "
            f"key, not OpenAI's: switched, it would send that key to {qwen}; leave it, or point "
            f"that client at {qwen} (the key from DASHSCOPE_API_KEY) by hand",
        ),
        (
            5,
            "ML401",
            "manual",
            "reads OPENAI_API_KEY, which goes to ZhipuAiClient() on line 5, a client of another "
            "service's own SDK (zai.ZhipuAiClient), which sends it to that service: neither "
            f"OpenAI's key nor {qwen}'s (DASHSCOPE_API_KEY) belongs there, and apply leaves "
            "the call; give it that service's key, by hand",
        ),
    ]
    assert invoke("apply", str(tmp_path), "--provider", "qwen", "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app.py").read_text() == ZHIPUAI
    assert (tmp_path / "zai_app.py").read_text() == ZAI
    assert invoke("check", str(tmp_path), "--provider", "qwen", "--no-cache")[0] == 1
