"""A model or a token counter's model filled in other modules of the project (s63, t63a
QAnything, in our own words): ML115 follows a class keeping its constructor's model to the
calls of the project's other modules building it, also through a method handing its own
parameter on (`held_callers.py`); ML207 is quiet on a counter whose default apply leaves where
every call of the project's other modules leaves it or passes an OpenAI model tiktoken knows
(`counter_callers.py`), and reports it where one passes another value.

Exact findings, exit codes and bytes on disk.
"""

from __future__ import annotations

from pathlib import Path

from migrate_llm.counter_callers import Counter, counter_calls, counters
from migrate_llm.held_callers import held_params

from .cli_findings import finding_rows, invoke, run_json, write

KIMI = ["--provider", "moonshot", "--no-cache"]
NAME = "Moonshot AI (Kimi)"

# a class keeping the model it is built with, sending it with sampling values
ENGINE = """import os

from openai import OpenAI


class Engine:
    def __init__(self, model, temperature, top_p):
        if model is not None:
            self.model = model
        self.temperature = temperature
        self.top_p = top_p
        self.client = OpenAI(
            api_key=os.environ.get("MOONSHOT_API_KEY", "unset"),
            base_url=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),
        )

    def run(self, text):
        return self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "user", "content": text}],
            temperature=self.temperature,
            top_p=self.top_p,
        )
"""

# a package re-exporting it
PACKAGE = "from .engine import Engine\n"

# a service building it from a parameter of its method
SERVICE = """from app.llm import Engine


class Service:
    def answer(self, question, model, temperature=0.5, top_p=0.99):
        return Engine(model, temperature, top_p).run(question)
"""

# the web layer calling the method with a model read from the request, its default written
ROUTES = """from app.service import Service


def chat(req, service: Service):
    if req.get("settings"):
        model = req["settings"].get("model", "MODEL")
    else:
        model = req.get("model", "MODEL")
    return service.answer(req["q"], model=model)
"""


def project(root: Path, model: str) -> None:
    write(
        root,
        {
            "app/__init__.py": "",
            "app/llm/__init__.py": PACKAGE,
            "app/llm/engine.py": ENGINE,
            "app/service.py": SERVICE,
            "app/routes.py": ROUTES.replace("MODEL", model),
        },
    )


def ml115(root: Path, command: str = "check") -> tuple[int, list[tuple]]:
    code, report = run_json(command, str(root), *KIMI)
    return code, finding_rows(report, "path", "line", "fix", "message", rules={"ML115"})


def sampling(root: Path, model: str, default: str, param: str) -> str:
    where = f"{root / 'app/routes.py'}"
    return (
        f'`self.model` may be {model}, `req.get("model", "{default}")` in {where} or '
        f'`req["settings"].get("model", "{default}")` in {where}, and kimi-k2.6 fixes '
        f"{param} on {NAME}; remove {param}= by hand, or send it only to a model that takes "
        "it (the model ignores or rejects it; apply leaves it: the model is chosen at run time)"
    )


def test_a_constructor_model_two_modules_away_fails_check(tmp_path):
    project(tmp_path, "kimi-k2.6")
    engine = str(tmp_path / "app/llm/engine.py")
    code, rows = ml115(tmp_path)
    assert code == 1
    assert rows == [
        (engine, 21, "manual", sampling(tmp_path, "kimi-k2.6", "kimi-k2.6", "temperature")),
        (engine, 22, "manual", sampling(tmp_path, "kimi-k2.6", "kimi-k2.6", "top_p")),
    ]


def test_the_openai_default_is_shown_mapped_before_apply(tmp_path):
    project(tmp_path, "gpt-4o-mini")
    before = (tmp_path / "app/llm/engine.py").read_bytes()
    code, rows = ml115(tmp_path, "scan")
    assert code == 0
    mapped = "kimi-k2.6 (mapped from gpt-4o-mini)"
    assert [r[1:3] for r in rows] == [(21, "manual"), (22, "manual")]
    assert rows[0][3] == sampling(tmp_path, mapped, "gpt-4o-mini", "temperature")
    assert rows[1][3] == sampling(tmp_path, mapped, "gpt-4o-mini", "top_p")
    assert invoke("apply", str(tmp_path), *KIMI, "--yes", "--allow-dirty")[0] == 0
    assert (tmp_path / "app/llm/engine.py").read_bytes() == before  # left to a person
    routes = ROUTES.replace("MODEL", "kimi-k2.6")
    assert (tmp_path / "app/routes.py").read_text() == routes  # the default apply writes
    assert [r[1] for r in ml115(tmp_path)[1]] == [21, 22]


def test_a_model_that_takes_the_values_is_not_reported(tmp_path):
    project(tmp_path, "moonshot-v1-8k")
    assert ml115(tmp_path) == (0, [])


def test_a_caller_not_importing_the_class_is_not_followed(tmp_path):
    project(tmp_path, "kimi-k2.6")
    # the web layer reaches the service through another name: its calls are not followed
    routes = (tmp_path / "app/routes.py").read_text()
    (tmp_path / "app/routes.py").write_text(routes.replace("from app.service", "from app.other"))
    assert ml115(tmp_path) == (0, [])


def test_held_params_needs_one_assignment_from_the_constructor(tmp_path):
    module = str(tmp_path / "engine.py")
    assert [tuple(t) for t in held_params(module, ENGINE.encode())] == [
        (module, "Engine", "__init__", "model", 0, (module, "Engine", "model"))
    ]
    twice = ENGINE.replace(
        "    def run(self, text):",
        "    def use(self, m):\n        self.model = m\n\n    def run(self, text):",
    )
    assert held_params(module, twice.encode()) == []


COUNTER = """import tiktoken


def count(text, model="gpt-3.5-turbo-0613"):
    return len(tiktoken.encoding_for_model(model).encode(text))
"""


def ml207(root: Path) -> tuple[int, list[tuple]]:
    code, report = run_json("check", str(root), *KIMI)
    return code, finding_rows(report, "path", "line", rules={"ML207"})


def counted(root: Path, *callers: str) -> tuple[int, list[tuple]]:
    files = {"pkg/__init__.py": "", "pkg/tokens.py": COUNTER}
    files.update({f"pkg/use{i}.py": text for i, text in enumerate(callers)})
    write(root, files)
    return ml207(root)


LEAVES = "from pkg.tokens import count\n\n\ndef size(text):\n    return count(text)\n"
OPENAI = 'from .tokens import count as n\n\n\ndef size(text):\n    return n(text, "gpt-4")\n'


def test_a_counter_other_modules_call_with_its_default_or_openai_models_is_quiet(tmp_path):
    assert counted(tmp_path, LEAVES, OPENAI) == (1, [])  # ML208 (tiktoken's download) alone


def test_a_caller_elsewhere_passing_a_run_time_model_keeps_the_warning(tmp_path):
    runtime = "from pkg.tokens import count\n\n\ndef size(text, cfg):\n    return count(text, cfg.model)\n"
    assert counted(tmp_path, LEAVES, runtime) == (1, [(str(tmp_path / "pkg/tokens.py"), 5)])


def test_a_caller_elsewhere_passing_a_provider_model_keeps_the_warning(tmp_path):
    kimi = 'from pkg.tokens import count\n\n\ndef size(text):\n    return count(text, model="kimi-k2.6")\n'
    assert counted(tmp_path, LEAVES, kimi) == (1, [(str(tmp_path / "pkg/tokens.py"), 5)])


def test_a_counter_used_through_its_module_or_not_called_keeps_the_warning(tmp_path):
    through = "from pkg import tokens\n\n\ndef size(text, m):\n    return tokens.count(text, m)\n"
    assert counted(tmp_path, LEAVES, through) == (1, [(str(tmp_path / "pkg/tokens.py"), 5)])


def test_counter_calls_reads_each_call(tmp_path):
    module = "/p/pkg/tokens.py"
    found = counters(module, COUNTER.encode())
    assert found == [Counter(module, "count", "model", 1, "gpt-3.5-turbo-0613")]
    text = (
        "from pkg.tokens import count\n\n\n"
        "def f(t, m, a):\n"
        '    return count(t), count(t, "gpt-4"), count(t, m), count(*a), sorted(a, key=count)\n'
    )
    calls = counter_calls("/p/pkg/use.py", "use.py", text.encode(), {"count": found}, {module})
    assert sorted(c.model for c in calls) == ["", "gpt-3.5-turbo-0613", "gpt-4"]
