"""A model handed on to litellm through the project's own classes across modules
(`RunFacts.litellm_model_params`, t65c R2, R4: swarms' `Agent(model_name=...)` → its
`LiteLLM(model_name=self.model_name)` → `litellm.completion(**params)`).

Before, apply left the Agent's default `"gpt-4o"` ("nothing here shows where this one goes"),
`check` was rc 0 on `Agent(model_name="kimi-k2.6")` while litellm raised "LLM Provider NOT
provided", and on `Judge(model_name: str = "openai/o1")` while the request went to
api.openai.com. Now ML204 writes the default on the provider's route (review), ML204 writes
the `openai/` one there too, and ML640 reports the provider's model with no route (an error).
The end-to-end tests run the real litellm (marker `frameworks`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.litellm_model_params import (
    ModelHop,
    Reached,
    model_hops,
    reached,
    reaching,
    read_module,
    resolved_file,
)

from .loopback_run import run_guarded
from .test_frameworks_agents_e2e import needs

# the class calling litellm, already migrated as ML640 asks (the key and base URL only on the
# moonshot/ route, thinking off there)
LLM = (
    "import os\n\nimport litellm\n\n\nclass LLM:\n"
    '    def __init__(self, model_name: str = "moonshot/kimi-k2.6"):\n'
    "        self.model_name = model_name\n\n"
    "    def run(self, task: str) -> str:\n"
    '        params = {"model": self.model_name, "messages": [{"role": "user", "content": task}]}\n'
    '        if self.model_name.startswith("moonshot/"):\n'
    '            params["api_key"] = os.environ["MOONSHOT_API_KEY"]\n'
    '            params["api_base"] = os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1")\n'
    '            params["extra_body"] = {"thinking": {"type": "disabled"}}\n'
    "        return litellm.completion(**params).choices[0].message.content\n"
)


def _agent(default: str) -> str:
    return (
        "from llm import LLM\n\n\nclass Agent:\n"
        f'    def __init__(self, name: str = "a", model_name: str = "{default}"):\n'
        "        self.name = name\n"
        "        self.model_name = model_name\n\n"
        "    def run(self, task: str) -> str:\n"
        "        return LLM(model_name=self.model_name).run(task)\n"
    )


def _main(given: str | None) -> str:
    args = "" if given is None else f'model_name="{given}"'
    return f'import json\n\nfrom agent import Agent\n\nprint(json.dumps(Agent({args}).run("hi")))\n'


def _project(tmp_path: Path, default: str, given: str | None) -> Path:
    for name, text in (("llm.py", LLM), ("agent.py", _agent(default)), ("main.py", _main(given))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _findings(command: str, monkeypatch, path: Path) -> tuple[int, list[tuple[str, str, int]]]:
    monkeypatch.chdir(path)
    done = CliRunner().invoke(app, [command, ".", "--provider", "moonshot", "--format", "json"])
    rows = [(f["rule"], f["path"], f["line"]) for f in json.loads(done.stdout)["findings"]]
    return done.exit_code, rows


def _messages(monkeypatch, path: Path, command: str = "check") -> list[str]:
    monkeypatch.chdir(path)
    done = CliRunner().invoke(app, [command, ".", "--provider", "moonshot", "--format", "json"])
    return [f["message"] for f in json.loads(done.stdout)["findings"]]


def test_the_fact_joins_the_classes_across_modules() -> None:
    hops = model_hops(LLM.encode(), "llm.py") + model_hops(_agent("gpt-4o").encode(), "agent.py")
    assert hops == [
        ModelHop("llm.py", "LLM", "model_name", "", "", "model"),
        ModelHop("agent.py", "Agent", "model_name", "LLM", "llm", "model_name"),
    ]
    assert reaching(hops) == {
        ("llm.py", "LLM", "model_name"),
        ("agent.py", "Agent", "model_name"),
    }
    # a class assigning its field from two parameters: neither is followed
    two = (
        "class B:\n    def __init__(self, a, b):\n        self.m = a\n        self.m = b\n\n"
        "    def run(self):\n        return LLM(model_name=self.m)\n"
    )
    assert model_hops(two.encode()) == []
    # a class not reaching one of the pairs is left out
    assert reaching([ModelHop("c.py", "C", "model", "Other", "", "model")]) == frozenset()
    # a bare `completion(` is litellm's only where the module imports it from litellm
    bare = "def ask(model):\n    return completion(model=model)\n"
    assert model_hops(bare.encode(), "a.py") == []
    imported = "from litellm import completion\n\n\n" + bare
    assert model_hops(imported.encode(), "a.py") == [
        ModelHop("a.py", "ask", "model", "", "", "model")
    ]


# r3 review (fh1, r3fh2): two classes named Agent, only pkg/llm.py's calling litellm;
# before, every `Agent` was matched by its last name, and apply wrote pkg/other.py's
# defaults on litellm's route while ML640 failed `check` on its caller
_LITELLM_AGENT = (
    "import litellm\n\n\nclass Agent:\n"
    '    def __init__(self, model="gpt-4o"):\n        self.model = model\n\n'
    "    def run(self, prompt):\n"
    "        return litellm.completion(model=self.model, messages=[])\n"
)
_SERVER_AGENT = (
    "import requests\n\n\nclass Agent:\n"
    '    def __init__(self, model="gpt-4o"):\n        self.model = model\n\n'
    "    def run(self, prompt):\n"
    '        return requests.post("http://localhost:8000/generate", json={"model": self.model})\n'
    '\n\ndef summarize(text, model="gpt-4o-mini"):\n    return Agent(model=model).run(text)\n'
)


def _two_agents(tmp_path: Path, given: str) -> Path:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pkg" / "llm.py").write_text(_LITELLM_AGENT, encoding="utf-8")
    (tmp_path / "pkg" / "other.py").write_text(_SERVER_AGENT, encoding="utf-8")
    app_text = f'from pkg.other import Agent\n\nbot = Agent(model="{given}")\n'
    (tmp_path / "pkg" / "app.py").write_text(app_text, encoding="utf-8")
    return tmp_path


def test_another_module_s_class_of_the_same_name_is_not_followed(tmp_path, monkeypatch) -> None:
    project = _two_agents(tmp_path, "gpt-4o")
    before = (project / "pkg" / "other.py").read_bytes()
    # its defaults stay manual findings (ML204 "nothing here shows where this one goes")
    assert not [m for m in _messages(monkeypatch, project, "scan") if "hands model on" in m]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (project / "pkg" / "other.py").read_bytes() == before


def test_a_caller_of_the_other_class_is_not_failed(tmp_path, monkeypatch) -> None:
    project = _two_agents(tmp_path, "kimi-k2.6")
    assert [r for r in _findings("check", monkeypatch, project)[1] if r[1] == "pkg/app.py"] == []
    # importing the litellm one instead: ML640 fails its caller
    text = 'from pkg.llm import Agent\n\nbot = Agent(model="kimi-k2.6")\n'
    (project / "pkg" / "app.py").write_text(text, encoding="utf-8")
    assert [r for r in _findings("check", monkeypatch, project)[1] if r[1] == "pkg/app.py"] == [
        ("ML640", "pkg/app.py", 3)
    ]


def test_apply_writes_the_forwarded_default_on_the_route(tmp_path, monkeypatch) -> None:
    project = _project(tmp_path, "gpt-4o", None)
    messages = _messages(monkeypatch, project, "scan")
    assert messages == [
        "default of model_name = 'gpt-4o' maps to 'moonshot/kimi-k2.6' on Moonshot AI (Kimi), "
        "on litellm's route for it: Agent() hands model_name on to litellm's model through the "
        "project's code, which sends a model without a provider prefix to OpenAI"
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (project / "agent.py").read_text(encoding="utf-8") == _agent("moonshot/kimi-k2.6")
    assert _findings("check", monkeypatch, project) == (0, [])


def test_check_fails_on_the_provider_model_with_no_route(tmp_path, monkeypatch) -> None:
    # before: rc 0, 0 findings, while litellm raised before any request
    project = _project(tmp_path, "moonshot/kimi-k2.6", "kimi-k2.6")
    assert _findings("check", monkeypatch, project) == (1, [("ML640", "main.py", 5)])
    assert _messages(monkeypatch, project) == [
        "model_name='kimi-k2.6' of Agent() (the project's own code in agent) is Moonshot AI "
        "(Kimi)'s model with no litellm route: Agent() hands model_name on to litellm's model "
        "through the project's code, and litellm finds no provider for it and raises (\"LLM "
        "Provider NOT provided\") before any request; write 'moonshot/kimi-k2.6' where it "
        "reaches litellm, by hand"
    ]
    (project / "agent.py").write_text(_agent("kimi-k2.6"), encoding="utf-8")
    (project / "main.py").write_text(_main(None), encoding="utf-8")
    assert _findings("check", monkeypatch, project) == (1, [("ML640", "agent.py", 5)])


def test_check_fails_on_an_openai_routed_default(tmp_path, monkeypatch) -> None:
    # before: rc 0, 0 findings, while the request went to api.openai.com
    project = _project(tmp_path, "openai/o1", None)
    assert _findings("check", monkeypatch, project) == (1, [("ML204", "agent.py", 5)])
    assert _messages(monkeypatch, project) == [
        "default of model_name of Agent() = 'openai/o1' is OpenAI's o1 on litellm's openai "
        "route: Agent() hands model_name on to litellm's model through the project's code, "
        "which sends it to api.openai.com with OPENAI_API_KEY; apply writes 'moonshot/kimi-k3' "
        "(litellm's moonshot route)"
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (project / "agent.py").read_text(encoding="utf-8") == _agent("moonshot/kimi-k3")
    assert _findings("check", monkeypatch, project) == (0, [])


def _run(project: Path, server, **more: str) -> tuple[int, str, list[str]]:
    env = {
        **more,
        "MOONSHOT_API_KEY": "test-key-kimi",
        "MOONSHOT_BASE_URL": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    proc, blocked = run_guarded("main.py", project, env)
    return proc.returncode, proc.stderr, blocked


@pytest.mark.frameworks
def test_the_bare_model_fails_and_the_routed_one_reaches_kimi(server, tmp_path, monkeypatch):
    needs("litellm")
    project = _project(tmp_path, "moonshot/kimi-k2.6", "kimi-k2.6")
    rc, stderr, blocked = _run(project, server)
    assert (rc != 0, "LLM Provider NOT provided" in stderr, blocked) == (True, True, [])
    assert server.requests == []
    assert _findings("check", monkeypatch, project)[0] == 1
    (project / "main.py").write_text(_main("moonshot/kimi-k2.6"), encoding="utf-8")
    assert _findings("check", monkeypatch, project) == (0, [])
    rc, stderr, blocked = _run(project, server)
    assert (rc, blocked) == (0, []), stderr
    request = server.requests[-1]
    assert request.headers["authorization"] == "Bearer test-key-kimi"
    assert request.body["model"] == "kimi-k2.6"


@pytest.mark.frameworks
def test_the_openai_routed_default_reaches_kimi_once_applied(server, tmp_path, monkeypatch):
    needs("litellm")
    project = _project(tmp_path, "openai/o1", None)
    monkeypatch.chdir(project)
    # a key in OpenAI's variable, as the user's shell has it: litellm sends it to OpenAI
    rc, _, blocked = _run(project, server, OPENAI_API_KEY="sk-test-not-sent")
    # litellm's OpenAI client retries: each attempt refused by the guard
    assert (rc != 0, set(blocked), server.requests) == (True, {"api.openai.com"}, [])
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    rc, stderr, blocked = _run(project, server)
    assert (rc, blocked) == (0, []), stderr
    assert server.requests[-1].body["model"] == "kimi-k3"


# s66: an OpenAI model given for such a parameter by a call in another module. Before, ML206
# (manual) named litellm's form and apply left `Agent(model_name="gpt-4o-mini")`, which
# litellm sent to api.openai.com; now ML204 writes it on the route, as the default.
def test_apply_writes_the_call_s_openai_model_on_the_route(tmp_path, monkeypatch) -> None:
    project = _project(tmp_path, "moonshot/kimi-k2.6", "gpt-4o-mini")
    monkeypatch.chdir(project)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    found = [
        (f["rule"], f["path"], f["line"], f["fix"], f["message"], f["data"])
        for f in json.loads(done.stdout)["findings"]
    ]
    assert found == [
        (
            "ML204",
            "main.py",
            5,
            "review",
            "argument model_name of Agent() = 'gpt-4o-mini' maps to 'moonshot/kimi-k2.6' on "
            "Moonshot AI (Kimi), on litellm's route for it: Agent() hands model_name on to "
            "litellm's model through the project's code, which sends a model without a provider "
            "prefix to OpenAI",
            {
                "model_from": "gpt-4o-mini",
                "model_to": "moonshot/kimi-k2.6",
                "litellm_route": "moonshot",
            },
        )
    ]
    for _ in range(2):  # the second apply changes nothing
        done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
        assert done.exit_code == 0, done.stdout
        assert (project / "main.py").read_text(encoding="utf-8") == _main("moonshot/kimi-k2.6")
    assert _findings("check", monkeypatch, project) == (0, [])


def test_the_call_s_model_is_the_route_s_whatever_clients_its_module_uses(
    tmp_path, monkeypatch
) -> None:
    # the calling module's own OpenAI client takes other models: this one goes to Agent()
    project = _project(tmp_path, "moonshot/kimi-k2.6", "gpt-4o")
    text = 'from agent import Agent\n\nbot = Agent(model_name="gpt-4o")\n'
    (project / "main.py").write_text(f"from openai import OpenAI\n{text}", encoding="utf-8")
    done = CliRunner().invoke(app, ["apply", str(project), "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (project / "main.py").read_text(encoding="utf-8") == (
        'from openai import OpenAI\nfrom agent import Agent\n\nbot = Agent(model_name="moonshot/'
        'kimi-k2.6")\n'
    )


# s66: swarms' examples import `from swarms import Agent`; swarms/__init__.py imports `*` from
# swarms.structs, whose __init__.py imports Agent from swarms.structs.agent and lists it in
# `__all__`. Before, the hops stopped at swarms/__init__.py: ML206 named the route of the
# call's model and ML204 left an example function's default ("nothing here shows where this
# one goes").
_STRUCTS_INIT = (
    "from pkg.structs.agent import Agent\nfrom pkg.structs.llm import LLM\n\n"
    '__all__ = ["Agent", "LLM"]\n'
)
_EXAMPLE = (
    "from pkg import Agent\n\n\n"
    'def make_agent(name, model_name="{0}"):\n'
    "    return Agent(model_name=model_name)\n\n\n"
    'print(Agent(model_name="{1}").run("hi"))\n'
)


def _package(tmp_path: Path, example: str, utils_all: str = '__all__ = ["clean"]\n') -> Path:
    (tmp_path / ".git").mkdir()  # a checkout: the examples import the package installed
    files = {
        "pkg/__init__.py": "from pkg.structs import *  # noqa: F403\n"
        "from pkg.utils import *  # noqa: F403\n",
        "pkg/structs/__init__.py": _STRUCTS_INIT,
        "pkg/structs/llm.py": LLM,
        "pkg/structs/agent.py": _agent("moonshot/kimi-k2.6").replace("from llm", "from .llm"),
        "pkg/utils/__init__.py": f"from pkg.utils.text import clean\n\n{utils_all}",
        "pkg/utils/text.py": "def clean(text):\n    return text.strip()\n",
        "examples/basic/run.py": example,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_apply_follows_the_packages_re_exporting_the_class(tmp_path, monkeypatch) -> None:
    project = _package(tmp_path, _EXAMPLE.format("gpt-4o", "gpt-4o-mini"))
    assert _findings("scan", monkeypatch, project) == (
        0,
        [("ML204", "examples/basic/run.py", 4), ("ML204", "examples/basic/run.py", 8)],
    )
    assert _messages(monkeypatch, project, "scan") == [
        "default of model_name = 'gpt-4o' maps to 'moonshot/kimi-k2.6' on Moonshot AI (Kimi), "
        "on litellm's route for it: make_agent() hands model_name on to litellm's model through "
        "the project's code, which sends a model without a provider prefix to OpenAI",
        "argument model_name of Agent() = 'gpt-4o-mini' maps to 'moonshot/kimi-k2.6' on "
        "Moonshot AI (Kimi), on litellm's route for it: Agent() hands model_name on to "
        "litellm's model through the project's code, which sends a model without a provider "
        "prefix to OpenAI",
    ]
    example = project / "examples" / "basic" / "run.py"
    for _ in range(2):  # the second apply changes nothing
        done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
        assert done.exit_code == 0, done.stdout
        assert example.read_text(encoding="utf-8") == _EXAMPLE.format(
            "moonshot/kimi-k2.6", "moonshot/kimi-k2.6"
        )
    assert _findings("check", monkeypatch, project) == (0, [])


def test_check_fails_on_the_bare_model_given_through_the_re_exports(tmp_path, monkeypatch):
    project = _package(tmp_path, _EXAMPLE.format("moonshot/kimi-k2.6", "kimi-k2.6"))
    assert _findings("check", monkeypatch, project) == (1, [("ML640", "examples/basic/run.py", 8)])


def test_a_model_on_litellm_s_azure_route_given_there_stays_ml206_s(tmp_path, monkeypatch):
    # litellm's azure route talks to Azure OpenAI: ML206 says what to write for the provider
    example = 'from pkg import Agent\n\nbot = Agent(model_name="azure/gpt-4.1")\n'
    project = _package(tmp_path, example)
    assert _findings("check", monkeypatch, project) == (1, [("ML206", "examples/basic/run.py", 3)])
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (project / "examples" / "basic" / "run.py").read_text(encoding="utf-8") == example


def test_a_star_import_that_may_bind_the_name_too_is_not_followed(tmp_path, monkeypatch):
    # pkg.utils lists no `__all__` and its text.py is not read: its star may bind `Agent`
    # too, so which Agent `from pkg import Agent` is, is not known: left as before (ML206)
    project = _package(tmp_path, _EXAMPLE.format("gpt-4o", "gpt-4o-mini"), utils_all="")
    (project / "pkg" / "utils" / "__init__.py").write_text("from .text import *\n")
    assert _findings("scan", monkeypatch, project) == (
        0,
        [("ML204", "examples/basic/run.py", 4), ("ML206", "examples/basic/run.py", 8)],
    )
    assert "nothing here shows where this one goes" in _messages(monkeypatch, project, "scan")[0]


def _reached(modules: dict[str, str]) -> set[tuple[str, str, str]]:
    hops = [h for name, text in modules.items() for h in read_module(text.encode(), name)]
    return {t for t in reaching(hops) if t[0] in ("app/__init__.py", "app/api.py")}


_LITELLM_CLASS = "import litellm\n\n\n" + _LITELLM_AGENT.split("\n\n\n", 1)[1]


def test_the_re_exports_followed_and_those_left() -> None:
    # `from .x import Agent`, and a star import whose source lists it or lists no `__all__`
    agent = {"app/core.py": _LITELLM_CLASS}
    reached = {("app/__init__.py", "Agent", "model")}
    assert _reached({**agent, "app/__init__.py": "from .core import Agent\n"}) == reached
    assert _reached({**agent, "app/__init__.py": "from app.core import *\n"}) == reached
    listed = {**agent, "app/__init__.py": "from .api import *\n"}
    listed["app/api.py"] = 'from .core import Agent\n\n__all__ = ["Agent"]\n'
    assert _reached(listed) == reached | {("app/api.py", "Agent", "model")}
    # ... not a private name, nor one `__all__` leaves out or that is no literal list
    private = {"app/core.py": _LITELLM_CLASS.replace("Agent", "_Agent")}
    assert _reached({**private, "app/__init__.py": "from app.core import *\n"}) == set()
    for all_ in (
        '__all__ = ["Other"]\n',
        "__all__ = names()\n",
        '__all__ = []\n__all__ += ["Agent"]\n',
    ):
        unlisted = {**listed, "app/api.py": f"from .core import Agent\n\n{all_}"}
        assert _reached(unlisted) == {("app/api.py", "Agent", "model")}, all_
    # ... nor a name the module binds twice, or that another star import may bind too
    twice = "try:\n    from .core import Agent\nexcept ImportError:\n    Agent = None\n"
    assert _reached({**agent, "app/__init__.py": twice}) == set()
    unread = "from .core import *\nfrom .vendored import *\n"  # vendored.py is not read
    assert _reached({**agent, "app/__init__.py": unread}) == set()
    other = {**agent, "app/__init__.py": "from .core import Agent\nfrom .api import *\n"}
    other["app/api.py"] = 'from .server import Agent\n\n__all__ = ["Agent"]\n'
    assert _reached(other) == set()
    # a call's import followed through `app/__init__.py` to app/core.py's class
    caller = "from app import Agent\n\n\ndef ask(model):\n    return Agent(model=model).run('hi')\n"
    project = {**agent, "app/__init__.py": "from .core import *\n", "main.py": caller}
    assert ("main.py", "ask", "model") in reaching(
        h for name, text in project.items() for h in read_module(text.encode(), name)
    )


@pytest.mark.frameworks
def test_the_re_exported_class_s_call_reaches_kimi_once_applied(server, tmp_path, monkeypatch):
    needs("litellm")
    example = 'import json\n\nfrom pkg import Agent\n\nprint(json.dumps(Agent(model_name="gpt-4o-mini").run("hi")))\n'
    project = _package(tmp_path, example)
    env = {
        "PYTHONPATH": str(project),  # the package, installed
        "MOONSHOT_API_KEY": "test-key-kimi",
        "MOONSHOT_BASE_URL": server.base + "/v1",
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    }
    script = "examples/basic/run.py"
    # before: litellm sends gpt-4o-mini to OpenAI with the key in OpenAI's variable
    proc, blocked = run_guarded(script, project, {**env, "OPENAI_API_KEY": "sk-test-not-sent"})
    assert (proc.returncode != 0, set(blocked), server.requests) == (True, {"api.openai.com"}, [])
    monkeypatch.chdir(project)
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    proc, blocked = run_guarded(script, project, env)
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    request = server.requests[-1]
    assert request.headers["authorization"] == "Bearer test-key-kimi"
    assert request.body["model"] == "kimi-k2.6"


# r1 review b1 (s66): the callee also sends the parameter to an OpenAI SDK request (`if
# use_litellm: litellm.completion(...) else: client.chat.completions.create(...)`). Before,
# apply wrote the call's model on litellm's route, and the default path sent
# `moonshot/kimi-k2.6` to the OpenAI client (404); now the call gets the default's advice.
_BOTH_AGENT = (
    "import litellm\nfrom openai import OpenAI\n\n\nclass Agent:\n"
    '    def __init__(self, model_name="gpt-4o", use_litellm=False):\n'
    "        self.model_name = model_name\n"
    "        self.use_litellm = use_litellm\n\n"
    "    def run(self, task):\n"
    '        messages = [{"role": "user", "content": task}]\n'
    "        if self.use_litellm:\n"
    "            return litellm.completion(model=self.model_name, messages=messages)\n"
    "        client = OpenAI()\n"
    "        return client.chat.completions.create(model=self.model_name, messages=messages)\n"
)
_BOTH_MAIN = 'from pkg import Agent\n\nprint(Agent(model_name="gpt-4o-mini").run("hi"))\n'


def _both(tmp_path: Path) -> Path:
    files = {
        "pkg/__init__.py": 'from pkg.agent import Agent\n\n__all__ = ["Agent"]\n',
        "pkg/agent.py": _BOTH_AGENT,
        "main.py": _BOTH_MAIN,
        "examples/run.py": _BOTH_MAIN,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _model_findings(monkeypatch, path: Path) -> list[tuple[str, str, int, str, str]]:
    monkeypatch.chdir(path)
    done = CliRunner().invoke(app, ["scan", ".", "--provider", "moonshot", "--format", "json"])
    return [
        (f["rule"], f["path"], f["line"], f["fix"], f["message"])
        for f in json.loads(done.stdout)["findings"]
        if f["rule"] in ("ML204", "ML206")
    ]


def test_the_hops_record_a_parameter_sent_to_an_openai_request_too() -> None:
    hops = read_module(_BOTH_AGENT.encode(), "pkg/agent.py")
    assert {h for h in hops if h.param} == {
        ModelHop("pkg/agent.py", "Agent", "model_name", "", "", "model"),
        ModelHop("pkg/agent.py", "Agent", "model_name", "", "", ""),  # the SDK request
    }
    init = read_module(b'from pkg.agent import Agent\n\n__all__ = ["Agent"]\n', "pkg/__init__.py")
    caller = "from pkg import Agent\n\n\ndef ask(m):\n    return Agent(model_name=m)\n"
    found = reached([*hops, *init, *read_module(caller.encode(), "main.py")])
    both = {
        ("pkg/agent.py", "Agent", "model_name"),
        ("pkg/__init__.py", "Agent", "model_name"),
        ("main.py", "ask", "m"),
    }
    assert found == Reached(frozenset(both), frozenset(both))
    # litellm alone: nothing shared
    alone = _BOTH_AGENT.replace("client.chat.completions.create", "litellm.completion")
    found = reached(read_module(alone.encode(), "pkg/agent.py"))
    assert found == Reached(frozenset({("pkg/agent.py", "Agent", "model_name")}), frozenset())


def test_a_call_s_model_also_reaching_an_openai_client_is_left_with_both_forms(
    tmp_path, monkeypatch
) -> None:
    project = _both(tmp_path)
    both = (
        "argument model_name of Agent() = 'gpt-4o-mini' maps to 'kimi-k2.6' on Moonshot AI "
        "(Kimi), but Agent() hands model_name on to litellm's model through the project's code, "
        "which sends a model without a provider prefix to OpenAI, and to an OpenAI SDK request: "
        "write 'moonshot/kimi-k2.6' where it reaches litellm, 'kimi-k2.6' where it reaches an "
        "OpenAI client, by hand"
    )
    assert _model_findings(monkeypatch, project) == [
        ("ML204", "examples/run.py", 3, "manual", both),
        ("ML204", "main.py", 3, "manual", both),
        (
            "ML204",
            "pkg/agent.py",
            6,
            "manual",
            "default of model_name = 'gpt-4o' maps to 'kimi-k2.6' on Moonshot AI (Kimi), but "
            "this module gives it to litellm, which sends a model without a provider prefix to "
            "OpenAI, and to an OpenAI client: write 'moonshot/kimi-k2.6' where it reaches "
            "litellm, 'kimi-k2.6' where it reaches an OpenAI client, by hand",
        ),
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
    assert done.exit_code == 0, done.stdout
    assert (project / "main.py").read_text(encoding="utf-8") == _BOTH_MAIN
    assert (project / "examples" / "run.py").read_text(encoding="utf-8") == _BOTH_MAIN


# r1 review b4 (s66): pkg/__init__.py re-exports llm_agent.py's litellm Agent, and pkg/agent.py
# holds another Agent posting to the project's server. Before, a call was matched by its last
# name and its root import (`pkg`): `agent.Agent(...)` and `pkg.agent.Agent(...)` were taken
# for the litellm one, and apply wrote their model on litellm's route.
def _two_packages(tmp_path: Path) -> Path:
    files = {
        "pkg/__init__.py": 'from .llm_agent import Agent\n\n__all__ = ["Agent"]\n',
        "pkg/llm_agent.py": _LITELLM_AGENT,
        "pkg/agent.py": _SERVER_AGENT.split("\n\n\ndef ")[0] + "\n",
        "main.py": 'from pkg import agent\n\nbot = agent.Agent(model="gpt-4o-mini")\n',
        "main2.py": 'import pkg.agent\n\nbot = pkg.agent.Agent(model="gpt-4o-mini")\n',
        "main3.py": 'from pkg.agent import Agent as Bot\n\nbot = Bot(model="gpt-4o-mini")\n',
        "main4.py": 'import pkg\n\nbot = pkg.agent.Agent(model="gpt-4o-mini")\n',
        "main5.py": 'from pkg import llm_agent\n\nbot = llm_agent.Agent(model="gpt-4o-mini")\n',
        "main6.py": 'import pkg\n\nbot = pkg.Agent(model="gpt-4o-mini")\n',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_call_is_followed_by_its_whole_dotted_name(tmp_path, monkeypatch) -> None:
    project = _two_packages(tmp_path)
    found = [r[:4] for r in _model_findings(monkeypatch, project) if r[1].startswith("main")]
    assert found == [
        ("ML206", "main.py", 3, "manual"),
        ("ML206", "main2.py", 3, "manual"),
        ("ML206", "main3.py", 3, "manual"),
        ("ML206", "main4.py", 3, "manual"),
        ("ML204", "main5.py", 3, "review"),
        ("ML204", "main6.py", 3, "review"),
    ]
    before = {n: (project / n).read_bytes() for n in ("main.py", "main2.py", "main3.py")}
    for _ in range(2):  # the second apply changes nothing
        done = CliRunner().invoke(app, ["apply", ".", "--provider", "moonshot", "--yes"])
        assert done.exit_code == 0, done.stdout
        assert {n: (project / n).read_bytes() for n in before} == before
        assert (project / "main5.py").read_text(encoding="utf-8") == (
            'from pkg import llm_agent\n\nbot = llm_agent.Agent(model="moonshot/kimi-k2.6")\n'
        )


# r1 review b2 (s66): backend/app/core/__init__.py is importable as `app.core` only (backend/app
# holds `__init__.py`); before, `from core import Agent` in scripts/ was matched by its end.
def test_an_absolute_import_names_a_module_by_its_whole_package_chain(
    tmp_path, monkeypatch
) -> None:
    files = {
        "backend/app/__init__.py": "",
        "backend/app/core/__init__.py": _LITELLM_AGENT,
        "scripts/other_pkg.py": 'from core import Agent\n\nagent = Agent(model="gpt-4o-mini")\n',
        "backend/run.py": 'from app.core import Agent\n\nagent = Agent(model="gpt-4o-mini")\n',
        # a hop of the facts resolves its import the same way
        "scripts/make.py": "from core import Agent\n\n\ndef make(model):\n"
        "    return Agent(model=model)\n\n\nmake(model='gpt-4o')\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = [r[:4] for r in _model_findings(monkeypatch, tmp_path) if "core" not in r[1]]
    assert found == [
        ("ML204", "backend/run.py", 3, "review"),
        ("ML206", "scripts/make.py", 8, "manual"),
        ("ML206", "scripts/other_pkg.py", 3, "manual"),
    ]
    files = {"/p/backend/app/core/__init__.py", "/p/scripts/core.py"}
    depth = {"/p/backend/app/core/__init__.py": 2, "/p/scripts/core.py": 1}
    assert resolved_file("/p/main.py", "core", files, depth) == "/p/scripts/core.py"
    assert resolved_file("/p/main.py", "app.core", files, depth) == (
        "/p/backend/app/core/__init__.py"
    )
    assert resolved_file("/p/main.py", "core", files) is None  # two end so: neither


# r1 review b5 (s66): the project's own package is one its scanned files hold, named from the
# directory above its outermost `__init__.py`; before, a `.git` directory decided it for a
# module outside the package (examples/), and the cache kept the answer of a run with it.
def test_the_examples_findings_do_not_depend_on_a_git_directory(tmp_path, monkeypatch) -> None:
    project = _package(tmp_path, _EXAMPLE.format("gpt-4o", "gpt-4o-mini"))
    with_git = _model_findings(monkeypatch, project)
    (project / ".git").rmdir()
    assert _model_findings(monkeypatch, project) == with_git  # the cache's answer too
    done = CliRunner().invoke(
        app, ["scan", ".", "--provider", "moonshot", "--format", "json", "--no-cache"]
    )
    assert [f["fix"] for f in json.loads(done.stdout)["findings"]] == ["review", "review"]
