"""A project calling only litellm beside `litellm==0.1.213` and `pydantic==1.10.8` (the shape
the gpt-migrate trial found, written here in our own words):

- ML504 raises no openai requirement for a token limit litellm sends (litellm brings the
  openai release it needs), only for one the project's openai SDK call sends;
- ML641 names the pydantic pin every litellm release with the provider's route conflicts with;
- ML640 counts a key and base URL given through `**endpoint` under the route's test as its
  fix, so a scan after that fix reports it no more.
"""

from __future__ import annotations

from .cli_findings import cli, finding_rows, run_json

REQUIREMENTS = "typer\nopenai\nlitellm==0.1.213\npydantic==1.10.8\n"
# a model chosen at run time, a token limit held in an attribute, a parameter's default
AI = """import os

from litellm import completion


class Writer:
    def __init__(self, model="openrouter/openai/gpt-4-32k", max_tokens=10000):
        self.model_name = model
        self.max_tokens = max_tokens

    def run(self, prompt):
        return completion(
            messages=[{"role": "user", "content": prompt}],
            model=self.model_name,
            max_tokens=self.max_tokens,
        )
"""
ROUTED = """from litellm import completion


def ask(q):
    return completion(model="dashscope/qwen-plus", messages=q, max_tokens=100)
"""
SDK = """from openai import OpenAI

client = OpenAI()


def ask(q):
    return client.chat.completions.create(model="gpt-4o-mini", messages=q, max_tokens=100)
"""
ML641 = (
    "litellm==0.1.213 has no dashscope/ route for Alibaba Qwen (DashScope / Model Studio) "
    "(litellm 1.74.2 is the first with it), on which apply writes the litellm calls and models "
    "it moves, with api_key= and api_base=: upgrade litellm to >=1.74.2, and move "
    "pydantic==1.10.8 (line 4) with it: litellm 1.74.2 and later require pydantic>=2.5.0, "
    "which it admits no release of"
)


def _findings(path: str) -> list[tuple[str, str, int, str, str]]:
    _, report = run_json("scan", path, "--provider", "qwen")
    rules = ("ML112", "ML504", "ML640", "ML641")
    return finding_rows(report, "path", "rule", "line", "fix", "message", rules=rules)


def test_apply_leaves_the_requirements_of_a_litellm_only_project(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    (tmp_path / "ai.py").write_text(AI, encoding="utf-8")
    (tmp_path / "routed.py").write_text(ROUTED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = _findings(".")
    assert [f[:4] for f in found if f[1] != "ML640"] == [
        ("requirements.txt", "ML641", 3, "manual"),
        ("routed.py", "ML112", 5, "safe"),
    ]
    assert found[1][4] == ML641
    # no "(ML504)" clause: litellm, not the project's openai, sends the renamed keyword
    assert found[2][4] == (
        "Alibaba Qwen (DashScope / Model Studio) takes max_completion_tokens=, not max_tokens="
    )
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    assert (tmp_path / "requirements.txt").read_bytes() == REQUIREMENTS.encode()
    # given no api_key, it also gets the key read never empty (ML645)
    assert (tmp_path / "routed.py").read_text(encoding="utf-8") == "import os\n\n" + (
        ROUTED.replace(
            'completion(model="dashscope/qwen-plus", messages=q, max_tokens=100)',
            "completion(\n"
            '        model="dashscope/qwen-plus",\n'
            '        api_key=os.environ["DASHSCOPE_API_KEY"] or "unset",\n'
            "        messages=q,\n"
            "        max_completion_tokens=100,\n"
            "    )",
        )
    )


def test_an_sdk_call_beside_litellm_still_raises_the_floor(tmp_path, monkeypatch):
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    (tmp_path / "ai.py").write_text(AI, encoding="utf-8")
    (tmp_path / "sdk.py").write_text(SDK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli("apply", ".", "--provider", "qwen", "--yes").exit_code == 0
    text = (tmp_path / "requirements.txt").read_text(encoding="utf-8")
    assert text == REQUIREMENTS.replace("openai\n", "openai>=1.45.0\n")
    # a second scan: the SDK call now gives max_completion_tokens=, the floor stays met
    assert [f for f in _findings(".") if f[1] in ("ML112", "ML504")] == []


def test_ml641_names_each_pin_litellm_needs_moved(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "openai==1.30.0\nlitellm<1\npydantic<2\n", encoding="utf-8"
    )
    [found] = [f for f in _findings(str(tmp_path)) if f[1] == "ML641"]
    assert found[4].endswith(
        "upgrade litellm to >=1.74.2, and move openai==1.30.0 (line 1) and pydantic<2 (line 3) "
        "with it: litellm 1.74.2 and later require openai>=1.68.2 and pydantic>=2.5.0, which "
        "they admit no release of"
    )


GUARDED = """import os

from litellm import completion


class Writer:
    def __init__(self, model):
        self.model_name = model

    def run(self, prompt):
        endpoint = {}
        if self.model_name.startswith("dashscope/"):
            endpoint["api_key"] = os.environ["DASHSCOPE_API_KEY"]
            endpoint["api_base"] = os.environ.get(
                "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"
            )
        return completion(messages=[], model=self.model_name, **endpoint)
"""


def test_ml640_is_fixed_by_its_advice_given_through_a_spread_mapping(tmp_path):
    path = tmp_path / "ai.py"
    before = GUARDED.replace(
        '        endpoint = {}\n        if self.model_name.startswith("dashscope/"):\n'
        '            endpoint["api_key"] = os.environ["DASHSCOPE_API_KEY"]\n'
        '            endpoint["api_base"] = os.environ.get(\n'
        '                "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "            )\n",
        "        endpoint = {}\n",
    )
    path.write_text(before, encoding="utf-8")
    assert [f[1:4] for f in _findings(str(path))] == [("ML640", 12, "manual")]
    path.write_text(GUARDED, encoding="utf-8")  # the fix its message asks for, by hand
    assert _findings(str(path)) == []
    # as a display bound under the test too
    display = GUARDED.replace(
        '            endpoint["api_key"] = os.environ["DASHSCOPE_API_KEY"]\n'
        '            endpoint["api_base"] = os.environ.get(\n'
        '                "DASHSCOPE_BASE_URL", "https://dashscope.aliyuncs.com/compatible-mode/v1"\n'
        "            )\n",
        '            endpoint = {"api_key": os.environ["DASHSCOPE_API_KEY"]}\n',
    )
    path.write_text(display, encoding="utf-8")
    assert _findings(str(path)) == []
    # given whatever the model is: the key would go to any route's host
    loose = display.replace(
        '        endpoint = {}\n        if self.model_name.startswith("dashscope/"):\n    ', ""
    )
    path.write_text(loose, encoding="utf-8")
    assert [f[1:4] for f in _findings(str(path))] == [("ML640", 11, "manual")]
