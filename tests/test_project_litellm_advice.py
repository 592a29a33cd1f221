"""ML206 at a call of the project's own code in another module, in a project a module of which
calls litellm (t65c R2: swarms' `Agent(model_name="gpt-5.4")`, which its Agent hands on to its
litellm wrapper). Before, the message named the bare provider id, which litellm refuses ("LLM
Provider NOT provided"); now it names litellm's form too, and where the project also uses an
OpenAI client, both forms. A library's class keeps the message it had. Where the project's
facts follow the parameter to litellm's model (a keyword at each hop), the model is ML204's
(s66: tests/test_litellm_forwarded_models.py); here Agent hands it on by position, which they
do not follow."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from migrate_llm.cli import app

LLM = (
    "import litellm\n\n\nclass LLM:\n"
    '    def __init__(self, model_name="moonshot/kimi-k2.6"):\n'
    "        self.model_name = model_name\n\n"
    "    def run(self, task):\n"
    "        return litellm.completion(model=self.model_name, messages=task)\n"
)
AGENT = (
    "from llm import LLM\n\n\nclass Agent:\n"
    "    def __init__(self, model_name):\n"
    "        self.model_name = model_name\n\n"
    "    def run(self, task):\n"
    "        return LLM(self.model_name).run(task)\n"
)
MAIN = 'from {module} import Agent\n\nprint(Agent(model_name="gpt-4o").run("hi"))\n'
HEAD = (
    "model_name='gpt-4o' goes to Agent(), which is not an OpenAI SDK call, so apply leaves it; "
    "if it talks to Moonshot AI (Kimi), use a Moonshot AI (Kimi) model there (the model table "
    "says 'kimi-k2.6'"
)


def _ml206(tmp_path, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    found = json.loads(done.stdout)["findings"]
    return done.exit_code, [f["message"] for f in found if f["rule"] == "ML206"]


def _project(tmp_path, module: str = "agent") -> None:
    (tmp_path / "llm.py").write_text(LLM, encoding="utf-8")
    (tmp_path / "agent.py").write_text(AGENT, encoding="utf-8")
    (tmp_path / "main.py").write_text(MAIN.format(module=module), encoding="utf-8")


def test_a_project_sending_its_models_to_litellm_names_the_route(tmp_path, monkeypatch):
    _project(tmp_path)
    assert _ml206(tmp_path, monkeypatch) == (
        0,
        [
            f"{HEAD}; Agent() is the project's own code (agent), and the project sends its "
            "models to litellm, which needs 'moonshot/kimi-k2.6')"
        ],
    )


def test_a_project_with_an_openai_client_too_names_both_forms(tmp_path, monkeypatch):
    _project(tmp_path)
    (tmp_path / "other.py").write_text(
        "import os\n\nfrom openai import OpenAI\n\n"
        'client = OpenAI(api_key=os.environ["MOONSHOT_API_KEY"], '
        'base_url="https://api.moonshot.cn/v1")\n',
        encoding="utf-8",
    )
    assert _ml206(tmp_path, monkeypatch) == (
        0,
        [
            f"{HEAD}; Agent() is the project's own code (agent), and the project calls "
            "litellm, which needs 'moonshot/kimi-k2.6', and OpenAI clients, which take "
            "'kimi-k2.6': nothing here shows which one this reaches)"
        ],
    )


def test_a_librarys_class_keeps_the_bare_advice(tmp_path, monkeypatch):
    _project(tmp_path, module="agentlib")
    assert _ml206(tmp_path, monkeypatch) == (0, [f"{HEAD})"])


def test_a_followed_parameter_also_reaching_an_openai_client_names_both_forms(
    tmp_path, monkeypatch
):
    # by keyword, the facts follow Agent's model_name to litellm's model; Agent also sends it
    # to an OpenAI SDK request: ML204 names both forms (manual) and apply leaves the call
    # (s66 r1 b1: before, ML204 wrote 'moonshot/kimi-k2.6', which the OpenAI client got)
    _project(tmp_path)
    agent = AGENT.replace("LLM(self.model_name)", "LLM(model_name=self.model_name)").replace(
        "    def run(self, task):\n",
        "    def ask(self, client, task):\n"
        "        return client.chat.completions.create(model=self.model_name, messages=task)\n\n"
        "    def run(self, task):\n",
    )
    (tmp_path / "agent.py").write_text(agent, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    found = json.loads(done.stdout)["findings"]
    rows = [(f["rule"], f["path"], f["line"], f["fix"], f["message"]) for f in found]
    assert [r for r in rows if r[1] == "main.py"] == [
        (
            "ML204",
            "main.py",
            3,
            "manual",
            "argument model_name of Agent() = 'gpt-4o' maps to 'kimi-k2.6' on Moonshot AI "
            "(Kimi), but Agent() hands model_name on to litellm's model through the project's "
            "code, which sends a model without a provider prefix to OpenAI, and to an OpenAI SDK "
            "request: write 'moonshot/kimi-k2.6' where it reaches litellm, 'kimi-k2.6' where it "
            "reaches an OpenAI client, by hand",
        )
    ]
    main = (tmp_path / "main.py").read_bytes()
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (tmp_path / "main.py").read_bytes() == main
