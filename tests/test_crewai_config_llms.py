"""An agent a @CrewBase class builds from its YAML (`Agent(config=self.agents_config["x"])`,
`Agent(**self.agents_config["x"])`) runs the entry's `llm`: ML690 says it is given none only
where the entry gives none (t60b's research crew: its researcher's `llm: gpt-4o-mini` was
ignored and check stayed red after apply). The YAML is the one the class names (its
`agents_config`, config/agents.yaml by default), relative to the class's module, read each
run (a cached result follows an edit of the YAML alone). Also: apply leaves a `Crew(...)`
call it does not change byte for byte, whatever its layout. At the bottom the applied crew
run with the real crewAI against the loopback server (marked `frameworks`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, plan, scan

from . import network_guard
from .test_e2e import clean_env

REQUIREMENTS = "crewai[litellm]==1.15.17\n"
CREW = """from crewai import Agent, Crew, Task
from crewai.project import CrewBase, agent, crew, task


@CrewBase
class Research:
    @agent
    def researcher(self) -> Agent:
        return Agent(config=self.agents_config["researcher"])

    @agent
    def reporter(self) -> Agent:
        return Agent(config=self.agents_config["reporter"])

    @agent
    def writer(self) -> Agent:
        return Agent(**self.agents_config["writer"])

    @agent
    def editor(self) -> Agent:
        return Agent(**self.agents_config["editor"])

    @task
    def research(self) -> Task:
        return Task(config=self.tasks_config["research"])

    @crew
    def crew(self) -> Crew:
        return Crew(agents=self.agents, tasks=self.tasks)
"""
AGENTS = """researcher:
  role: Researcher
  goal: Find three facts
  backstory: Finds facts.
  llm: gpt-4o-mini
reporter:
  role: Reporter
  goal: Write a paragraph
  backstory: Writes well.
writer:
  role: Writer
  goal: Write
  backstory: Writes.
  llm: openai/gpt-4o
editor:
  role: Editor
  goal: Edit
  backstory: Edits.
  llm: null
"""
TASKS = "research:\n  description: d\n  expected_output: o\n  agent: researcher\n"
ROUTE = "litellm's zai route: install crewai[litellm]"
DEFAULT = (
    "it runs crewAI's default model (MODEL, MODEL_NAME or OPENAI_MODEL_NAME, else gpt-4.1-mini "
    "(gpt-4o-mini before crewai 1.2.0)) at OpenAI, and no .env of the project sets it"
)
ADVICE = (
    'pass llm="zai/glm-4-air-250414" or set MODEL=zai/glm-4-air-250414 in the .env (check sees '
    "a .env that .gitignore hides only with --no-gitignore); zai/glm-4-air-250414 takes "
    f"{ROUTE}"
)


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def crew_project(root: Path, agents: str = AGENTS, crew: str = CREW) -> Path:
    return project(
        root,
        {
            "research/crew.py": crew,
            "research/config/agents.yaml": agents,
            "research/config/tasks.yaml": TASKS,
            "requirements.txt": REQUIREMENTS,
        },
    )


def found(root: Path) -> list[tuple[str, int, str, str, str]]:
    result = scan(ScanOptions(paths=(root,), provider="zhipu", cwd=root, jobs=1))
    return [
        (f.path, f.line, f.rule, f.severity.value, f.message)
        for f in result.findings
        if f.rule in ("ML503", "ML690")
    ]


def check(root: Path, *paths: str, cache: Path | None = None) -> tuple[int, str]:
    args = ["check", *(paths or (str(root),)), "--provider", "zhipu"]
    kept = ("--cache-dir", str(cache)) if cache is not None else ("--no-cache",)
    result = CliRunner().invoke(app, [*args, *kept])
    return result.exit_code, result.stdout


def apply(root: Path) -> None:
    options = ScanOptions(paths=(root,), provider="zhipu", cwd=root, jobs=1)
    for planned in plan(options).planned:
        Path(planned.path).write_text(planned.change.after, encoding="utf-8")


def no_llm(agent: str, line: int) -> tuple[str, int, str, str, str]:
    return (
        "research/crew.py",
        line,
        "ML690",
        "error",
        f"Agent() is given no llm (nor does its config, entry {agent!r} of "
        f"config/agents.yaml): {DEFAULT}; write llm: zai/glm-4-air-250414 in that entry, "
        f"{ADVICE}",
    )


def test_only_an_agent_whose_entry_gives_no_llm_is_said_to_have_none(tmp_path):
    root = crew_project(tmp_path)
    assert found(root) == [
        (
            "research/config/agents.yaml",
            5,
            "ML503",
            "warning",
            "gpt-4o-mini is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM), "
            f"which crewAI reads as zai/glm-4-air-250414 ({ROUTE})",
        ),
        (
            "research/config/agents.yaml",
            14,
            "ML503",
            "warning",
            "crewAI sends openai/gpt-4o to OpenAI: its openai/ prefix picks OpenAI's route, "
            f"with OPENAI_API_KEY; apply writes zai/glm-5.3 ({ROUTE})",
        ),
        no_llm("reporter", 13),
        no_llm("editor", 21),  # `llm: null` gives none
    ]
    apply(root)
    agents = (root / "research/config/agents.yaml").read_text(encoding="utf-8")
    assert agents == AGENTS.replace("llm: gpt-4o-mini", "llm: zai/glm-4-air-250414").replace(
        "openai/gpt-4o", "zai/glm-5.3"
    )
    assert (root / "research/crew.py").read_text(encoding="utf-8") == CREW
    assert found(root) == [no_llm("reporter", 13), no_llm("editor", 21)]
    assert check(root)[0] == 1
    # the entries given an llm by hand, as the message says: nothing is left
    given = agents.replace("Writes well.\n", "Writes well.\n  llm: zai/glm-4-air-250414\n")
    given = given.replace("llm: null", "llm: zai/glm-5.3")
    (root / "research/config/agents.yaml").write_text(given, encoding="utf-8")
    assert check(root) == (0, "0 findings for zhipu in 0 of 4 files\n")
    # the crew module checked alone still reads the YAML its class loads
    assert check(root, str(root / "research/crew.py"))[0] == 0


def test_a_cached_check_follows_an_edit_of_the_yaml_alone(tmp_path, monkeypatch):
    agents = AGENTS.replace("Writes well.\n", "Writes well.\n  llm: zai/glm-4-air-250414\n")
    agents = agents.replace("llm: null", "llm: zai/glm-5.3")
    agents = agents.replace("gpt-4o-mini", "zai/glm-4-air-250414").replace("openai/", "zai/")
    root = crew_project(tmp_path / "p", agents.replace("openai/gpt-4o", "zai/glm-5.3"))
    monkeypatch.chdir(root)
    assert check(root, ".", cache=tmp_path / "cache")[0] == 0
    (root / "research/config/agents.yaml").write_text(
        agents.replace("  llm: zai/glm-5.3\n", "").replace("openai/gpt-4o", "zai/glm-5.3"),
        encoding="utf-8",
    )
    code, out = check(root, ".", cache=tmp_path / "cache")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "research/crew.py:21:16 ML690 Agent() is given no llm (nor does its config, entry "
        "'editor' of config/agents.yaml)"
    )


def test_the_yaml_is_the_one_the_class_names_beside_its_module(tmp_path):
    crew = CREW.replace(
        "class Research:\n", 'class Research:\n    agents_config = "team/agents.yaml"\n\n'
    )
    given = AGENTS.replace("llm: null", "llm: zai/glm-5.3").replace(
        "Writes well.\n", "Writes well.\n  llm: zai/glm-4-air-250414\n"
    )
    root = project(
        tmp_path,
        {
            "research/crew.py": crew,
            "research/team/agents.yaml": given,
            "research/config/agents.yaml": AGENTS,  # not the one the class loads
            "requirements.txt": REQUIREMENTS,
        },
    )
    lines = [f[:3] for f in found(root)]
    # only the models written in the YAML files are left (ML503): no agent lacks an llm
    assert lines == [
        ("research/config/agents.yaml", 5, "ML503"),
        ("research/config/agents.yaml", 14, "ML503"),
        ("research/team/agents.yaml", 5, "ML503"),
        ("research/team/agents.yaml", 15, "ML503"),
    ]


def test_an_entry_or_yaml_that_is_not_there_keeps_the_error(tmp_path):
    plain = f"Agent() is given no llm: {DEFAULT}; {ADVICE}"
    root = crew_project(tmp_path, AGENTS.replace("researcher:", "scout:"))
    left = [(f[1], f[4]) for f in found(root) if f[2] == "ML690"]
    # no entry `researcher` (crewAI raises KeyError): nothing tells of an llm
    assert left == [(9, plain), no_llm("reporter", 13)[1::3], no_llm("editor", 21)[1::3]]
    (root / "research/config/agents.yaml").unlink()
    # without the YAML, a spread of its entry may give one: left, as any `**` spread
    assert [(f[1], f[4]) for f in found(root)] == [(9, plain), (13, plain)]


def test_an_llm_passed_beside_the_config_wins_and_a_spread_beside_another_is_unknown(tmp_path):
    crew = CREW.replace(
        'Agent(config=self.agents_config["reporter"])',
        'Agent(config=self.agents_config["reporter"], llm="zai/glm-5.3")',
    ).replace(
        'Agent(**self.agents_config["editor"])',
        'Agent(**self.agents_config["editor"], **extra)',
    )
    root = crew_project(tmp_path, crew=crew)
    assert [f[1:3] for f in found(root)] == [(5, "ML503"), (14, "ML503")]


CREW_LAYOUT = """from crewai import Agent, Crew, Process, Task

writer = Agent(role="w", goal="g", backstory="b", llm="gpt-4o")
checker = Agent(role="c", goal="g", backstory="b",
                llm="openai/gpt-4o")
t = Task(description="d", expected_output="e", agent=writer)
crew = Crew(agents=[writer, checker], tasks=[t], process=Process.sequential, verbose=True, memory=False)
small = Crew(agents=[writer,checker],
             tasks=[t])
"""


def test_apply_leaves_a_crew_call_it_does_not_change_byte_for_byte(tmp_path):
    """t60b noise (repro r1): the Crew call apply wrapped was one whose own
    `function_calling_llm="gpt-4o"` it rewrote, past the line length (wrapped as black
    would); a Crew call apply does not change keeps its text, too long or hand-wrapped."""
    root = project(tmp_path, {"crew.py": CREW_LAYOUT, "requirements.txt": REQUIREMENTS})
    apply(root)
    assert (root / "crew.py").read_text(encoding="utf-8") == CREW_LAYOUT.replace(
        'llm="gpt-4o"', 'llm="zai/glm-5.3"'
    ).replace('llm="openai/gpt-4o"', 'llm="zai/glm-5.3"')
    long = CREW_LAYOUT.replace("memory=False)", 'memory=False, manager_llm="gpt-4o")')
    (root / "crew.py").write_text(long, encoding="utf-8")
    apply(root)
    assert (root / "crew.py").read_text(encoding="utf-8").splitlines()[6:10] == [
        "crew = Crew(",
        "    agents=[writer, checker],",
        "    tasks=[t],",
        "    process=Process.sequential,",
    ]


# --- end to end -----------------------------------------------------------------------------

KEY = "test-provider-key"
PROGRAM = """import json

from research.crew import Research

crew = Research()
sent = {}
for name in ("researcher", "reporter", "writer", "editor"):
    built = getattr(crew, name)()
    sent[name] = [built.llm.model, built.llm.call("Say hi")]
print(json.dumps(sent))
"""


@pytest.mark.frameworks
def test_the_applied_crew_runs_each_entrys_llm_on_the_provider(registry, server, tmp_path):
    pytest.importorskip("crewai", reason="pip install 'crewai[litellm]'")
    root = crew_project(tmp_path / "app")
    apply(root)
    agents = (root / "research/config/agents.yaml").read_text(encoding="utf-8")
    given = agents.replace("Writes well.\n", "Writes well.\n  llm: zai/glm-4-air-250414\n")
    (root / "research/config/agents.yaml").write_text(
        given.replace("llm: null", "llm: zai/glm-5.3"), encoding="utf-8"
    )
    assert check(root)[0] == 0
    (root / "main.py").write_text(PROGRAM, encoding="utf-8")
    base = server.base + "/api/paas/v4"
    env = {**clean_env(), "ZAI_API_KEY": KEY, "ZAI_API_BASE": base, "HOME": str(tmp_path)}
    env.update(CREWAI_DISABLE_TELEMETRY="true", OTEL_SDK_DISABLED="true")
    env.update(CREWAI_TRACING_ENABLED="false", LITELLM_LOCAL_MODEL_COST_MAP="True")
    guard = tmp_path / "guard"
    env = network_guard.subprocess_env(env, guard)
    proc = subprocess.run(
        [sys.executable, "main.py"], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert network_guard.blocked_hosts(guard) == []
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {
        "researcher": ["zai/glm-4-air-250414", "reply from glm-4-air-250414"],
        "reporter": ["zai/glm-4-air-250414", "reply from glm-4-air-250414"],
        "writer": ["zai/glm-5.3", "reply from glm-5.3"],
        "editor": ["zai/glm-5.3", "reply from glm-5.3"],
    }
    assert [(r.path, r.body["model"]) for r in server.requests] == [
        ("/api/paas/v4/chat/completions", "glm-4-air-250414"),
        ("/api/paas/v4/chat/completions", "glm-4-air-250414"),
        ("/api/paas/v4/chat/completions", "glm-5.3"),
        ("/api/paas/v4/chat/completions", "glm-5.3"),
    ]
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {KEY}"}
