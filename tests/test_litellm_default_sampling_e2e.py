"""End to end with the real litellm (marker `frameworks`): a class keeping its model,
temperature and top_p from `__init__` defaults on `self` and spreading them into
`litellm.completion(**params)` (t65c R1, swarms' LiteLLM wrapper). apply writes the default
model on litellm's moonshot route; Kimi fixes that model's temperature and top_p and refuses
other values. Before, `check` was green once the call got the key and base URL as ML640 asks,
and every request carried top_p=1.0 (and with litellm 1.76.1 temperature=0.5: HTTP 400 at
Kimi), and ML118 shown by
apply was gone: now ML115 names both entries and ML118 the switch, and once they are followed
`check` is green and the request carries neither, with thinking off. The key and base URL given
with `setdefault` under the route's test count as ML640 asks (t65c R3)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .loopback_run import run_guarded
from .test_frameworks_agents_e2e import needs

pytestmark = pytest.mark.frameworks

HEAD = "import json\n{os}\nimport litellm\n\n\nclass Writer:\n"
TAIL = (
    "        return litellm.completion(**params).choices[0].message.content\n\n\n"
    'if __name__ == "__main__":\n'
    '    print(json.dumps(Writer().run("hi")))\n'
)
RUN = (
    "    def run(self, task: str) -> str:\n"
    "        params = {\n"
    '            "model": self.model_name,\n'
    '            "messages": [{"role": "user", "content": task}],\n'
    '            "temperature": self.temperature,\n'
    "        }\n"
    "        if self.top_p is not None:\n"
    '            params["top_p"] = self.top_p\n'
)
KEEP = (
    "        self.model_name = model_name\n"
    "        self.temperature = temperature\n"
    "        self.top_p = top_p\n\n"
)
ORIGINAL = (
    HEAD.replace("{os}", "")
    + '    def __init__(self, model_name: str = "gpt-4o", temperature: float = 0.5, '
    "top_p: float = 1.0):\n" + KEEP + RUN + TAIL
)
INIT = (
    "    def __init__(\n"
    "        self,\n"
    '        model_name: str = "moonshot/kimi-k2.6",\n'
    "        temperature: float = 0.5,\n"
    "        top_p: float = 1.0,\n"
    "    ):\n"
)
APPLIED = HEAD.replace("{os}", "") + INIT + KEEP + RUN + TAIL
# ML640's advice followed: the key and base URL only on the moonshot/ route
GATED = (
    '        if self.model_name.startswith("moonshot/"):\n'
    '            params["api_key"] = os.environ["MOONSHOT_API_KEY"]\n'
    '            params["api_base"] = os.environ.get(\n'
    '                "MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"\n'
    "            )\n"
)
KEYS_ONLY = HEAD.replace("{os}", "import os\n") + INIT + KEEP + RUN + GATED + TAIL
# every finding followed: no temperature or top_p sent, thinking off on the route, the key
# and base URL given with setdefault
FOLLOWED = (
    HEAD.replace("{os}", "import os\n") + INIT + KEEP + "    def run(self, task: str) -> str:\n"
    '        params = {"model": self.model_name, "messages": [{"role": "user", "content": task}]}\n'
    '        if self.model_name.startswith("moonshot/"):\n'
    '            params.setdefault("api_key", os.environ["MOONSHOT_API_KEY"])\n'
    "            params.setdefault(\n"
    '                "api_base", os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")\n'
    "            )\n"
    '            params["extra_body"] = {"thinking": {"type": "disabled"}}\n' + TAIL
)


def _check() -> tuple[int, list[tuple[str, int, str]]]:
    done = CliRunner().invoke(
        app, ["check", "writer.py", "--provider", "moonshot", "--format", "json"]
    )
    rows = [(f["rule"], f["line"], f["severity"]) for f in json.loads(done.stdout)["findings"]]
    return done.exit_code, rows


def _run(tmp_path, server) -> dict:
    env = {
        "MOONSHOT_API_KEY": "test-key-kimi",
        "MOONSHOT_BASE_URL": server.base + "/v1",
        # litellm fetches its model price list from GitHub at import unless told not to
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("writer.py", tmp_path, env)
    assert (blocked, proc.returncode) == ([], 0), proc.stderr
    request = server.requests[-1]
    assert request.headers["authorization"] == "Bearer test-key-kimi"
    assert request.path == "/v1/chat/completions"
    return request.body


def test_check_names_the_sampling_kimi_fixes_until_it_is_gone(server, tmp_path, monkeypatch):
    needs("litellm")
    (tmp_path / "writer.py").write_text(ORIGINAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["apply", "writer.py", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (tmp_path / "writer.py").read_text(encoding="utf-8") == APPLIED
    # the model on the route, the sampling entries, the thinking switch, the route's keys
    assert _check() == (
        1,
        [
            ("ML640", 19, "warning"),
            ("ML115", 21, "warning"),
            ("ML115", 24, "warning"),
            ("ML118", 25, "warning"),
        ],
    )
    (tmp_path / "writer.py").write_text(KEYS_ONLY, encoding="utf-8")
    # before: rc 0 here, while every request carried what Kimi refuses (HTTP 400)
    assert _check() == (
        1,
        [("ML115", 22, "warning"), ("ML115", 25, "warning"), ("ML118", 31, "warning")],
    )
    body = _run(tmp_path, server)
    # top_p=1.0 reaches Kimi, which refuses it; temperature=0.5 too with litellm 1.76.1 and
    # 1.82.3 (1.110.2 drops it for a model its map says reasons: `fw.SAMPLING_AS_IS`)
    messages = [{"role": "user", "content": "hi"}]
    assert body == {"model": "kimi-k2.6", "messages": messages, "top_p": 1.0}
    (tmp_path / "writer.py").write_text(FOLLOWED, encoding="utf-8")
    assert _check() == (0, [])
    body = _run(tmp_path, server)
    assert body == {"model": "kimi-k2.6", "messages": messages, "thinking": {"type": "disabled"}}
