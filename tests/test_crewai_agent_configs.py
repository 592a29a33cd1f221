"""crewAI models given where the Python `llm=` rule did not look (trial t60b D1-D3).

- D1: an agent's `llm:` in a @CrewBase project's config/agents.yaml was mapped bare
  (`glm-5.3`), which crewAI sends to its OpenAI client at api.openai.com; now ML503 writes it
  on the provider's route, as ML690 writes `Agent(llm="gpt-4o")` (`zai/glm-5.3`).
- D2: `llm: openai/gpt-4o` there (OpenAI's route) was not reported at all.
- D3: a table entry given as `Agent(llm=MODELS["writer"])` was mapped bare by ML204; ML690
  now follows the entry and writes the route.
- D4: a .env's OPENAI_API_KEY beside crewAI's `zai/` models (which crewAI hands to litellm,
  whose zai route sends OPENAI_API_KEY where ZAI_API_KEY is unset) left check green after
  apply; it is now ML501's error until the line goes, as in a project calling litellm.
Exact findings and bytes, with the real provider files; a second apply writes nothing and
check passes once the litellm extra is required."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, plan, scan

REQUIREMENTS = "crewai[litellm]==1.15.17\n"
CREW = """from crewai import Agent, Crew, Task
from crewai.project import CrewBase, agent, crew, task


@CrewBase
class Research:
    @agent
    def planner(self) -> Agent:
        return Agent(config=self.agents_config["planner"])

    @agent
    def writer(self) -> Agent:
        return Agent(config=self.agents_config["writer"])

    @task
    def outline(self) -> Task:
        return Task(config=self.tasks_config["outline"])

    @crew
    def crew(self) -> Crew:
        return Crew(agents=self.agents, tasks=self.tasks)
"""
AGENTS = """planner:
  role: Planner
  goal: Plan the piece
  backstory: Plans well.
  llm: openai/gpt-4o
writer:
  role: Writer
  goal: Write the piece
  backstory: Writes well.
  llm: gpt-4o
  function_calling_llm: "gpt-4o-mini"
"""
APPLIED_AGENTS = (
    AGENTS.replace("openai/gpt-4o", "zai/glm-5.3")
    .replace("llm: gpt-4o\n", "llm: zai/glm-5.3\n")
    .replace('"gpt-4o-mini"', '"zai/glm-4-air-250414"')
)
# crewAI's default model for an agent whose config gives no llm (else ML690's error)
DOTENV = "MODEL=zai/glm-4-air-250414\n"
ROUTE = "litellm's zai route: install crewai[litellm]"


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def found(root: Path, provider: str = "zhipu") -> list[tuple[str, int, str, str, str, str]]:
    result = scan(ScanOptions(paths=(root,), provider=provider, cwd=root, jobs=1))
    return [
        (f.path, f.line, f.rule, f.severity.value, f.fix.value, f.message)
        for f in result.findings
        if f.rule in ("ML204", "ML503", "ML690")
    ]


def data(root: Path, rule: str) -> list[dict]:
    result = scan(ScanOptions(paths=(root,), provider="zhipu", cwd=root, jobs=1))
    return [f.data for f in result.findings if f.rule == rule]


def applied(root: Path, provider: str = "zhipu") -> dict[str, str]:
    options = ScanOptions(paths=(root,), provider=provider, cwd=root, jobs=1)
    planned = plan(options).planned
    return {p.change.path: p.change.after for p in planned if p.change.after != p.change.before}


def write(root: Path, after: dict[str, str]) -> None:
    for name, text in after.items():
        (root / name).write_text(text, encoding="utf-8")


def check_exit(root: Path) -> int:
    args = ["check", str(root), "--provider", "zhipu", "--no-cache"]
    return CliRunner().invoke(app, args).exit_code


def test_an_agents_yaml_model_is_written_on_the_providers_route(tmp_path):
    root = project(
        tmp_path,
        {
            "crew.py": CREW,
            "config/agents.yaml": AGENTS,
            "config/tasks.yaml": "outline:\n  description: d\n  expected_output: o\n",
            "requirements.txt": REQUIREMENTS,
            ".env": DOTENV,
        },
    )
    assert found(root) == [
        (
            "config/agents.yaml",
            5,
            "ML503",
            "warning",
            "review",
            "crewAI sends openai/gpt-4o to OpenAI: its openai/ prefix picks OpenAI's route, "
            f"with OPENAI_API_KEY; apply writes zai/glm-5.3 ({ROUTE})",
        ),
        (
            "config/agents.yaml",
            10,
            "ML503",
            "warning",
            "review",
            "gpt-4o is an OpenAI model; it maps to glm-5.3 on Zhipu AI (GLM), which crewAI "
            f"reads as zai/glm-5.3 ({ROUTE})",
        ),
        (
            "config/agents.yaml",
            11,
            "ML503",
            "warning",
            "review",
            "gpt-4o-mini is an OpenAI model; it maps to glm-4-air-250414 on Zhipu AI (GLM), "
            f"which crewAI reads as zai/glm-4-air-250414 ({ROUTE})",
        ),
    ]
    assert data(root, "ML503") == [
        {"model_from": "openai/gpt-4o", "model_to": "zai/glm-5.3", "litellm_route": "zai"},
        {"model_from": "gpt-4o", "model_to": "zai/glm-5.3", "litellm_route": "zai"},
        {
            "model_from": "gpt-4o-mini",
            "model_to": "zai/glm-4-air-250414",
            "litellm_route": "zai",
        },
    ]
    after = applied(root)
    assert after == {"config/agents.yaml": APPLIED_AGENTS}
    write(root, after)
    assert found(root) == []
    assert applied(root) == {}
    assert check_exit(root) == 0


def test_a_provider_model_left_bare_there_goes_to_openai(tmp_path):
    """What apply wrote before (t60b: `llm: glm-4-air-250414`) is an error apply routes."""
    agents = AGENTS.replace("openai/gpt-4o", "zai/glm-5.3").replace("gpt-4o\n", "glm-5.3\n")
    agents = agents.replace('"gpt-4o-mini"', '"zai/glm-4-air-250414"')
    root = project(
        tmp_path,
        {
            "crew.py": CREW,
            "config/agents.yaml": agents,
            "requirements.txt": REQUIREMENTS,
            ".env": DOTENV,
        },
    )
    assert found(root) == [
        (
            "config/agents.yaml",
            10,
            "ML503",
            "error",
            "review",
            "crewAI sends glm-5.3 to OpenAI: it routes a model without a provider prefix there; "
            f"apply writes zai/glm-5.3 ({ROUTE})",
        )
    ]
    assert applied(root) == {"config/agents.yaml": APPLIED_AGENTS}


def test_a_yaml_model_outside_a_crewai_agent_keeps_its_mapping(tmp_path):
    """No module imports crewAI, or the mapping is no agent's (no `role:` and `goal:`):
    mapped as before; `openai/gpt-4o`, which no module strips the prefix of, is left to a
    person (r3 of session 68: it may be OpenRouter's id)."""
    root = project(tmp_path, {"config/agents.yaml": AGENTS, "app.py": "import yaml\n"})
    assert applied(root) == {
        "config/agents.yaml": AGENTS.replace("llm: gpt-4o\n", "llm: glm-5.3\n").replace(
            '"gpt-4o-mini"', '"glm-4-air-250414"'
        )
    }
    settings = "summary:\n  llm: gpt-4o\n  temperature: 0\n"
    root = project(tmp_path / "other", {"crew.py": CREW, "settings.yaml": settings})
    assert applied(root) == {"settings.yaml": settings.replace("gpt-4o", "glm-5.3")}


TABLE = """from crewai import Agent

MODELS = {"writer": "gpt-4o", "checker": "gpt-4o-mini"}

writer = Agent(role="w", goal="g", backstory="b", llm=MODELS["writer"])
"""
CHECKER = "entry 'checker' of MODELS = 'gpt-4o-mini' maps to 'glm-4-air-250414' on Zhipu AI (GLM)"


def test_a_table_entry_given_as_llm_is_written_on_the_route(tmp_path):
    root = project(tmp_path, {"crew.py": TABLE, "requirements.txt": REQUIREMENTS})
    assert found(root) == [
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "review",
            f"Agent(llm=...) sends 'gpt-4o' to OpenAI; apply writes 'zai/glm-5.3' ({ROUTE}) "
            "for Zhipu AI (GLM)",
        ),
        (
            "crew.py",
            3,
            "ML204",
            "warning",
            "review",
            CHECKER,
        ),
    ]
    after = applied(root)
    assert after == {
        "crew.py": TABLE.replace('"gpt-4o"', '"zai/glm-5.3"').replace(
            '"gpt-4o-mini"', '"glm-4-air-250414"'
        )
    }
    write(root, after)
    assert found(root) == []
    assert check_exit(root) == 0


LEFT = (
    "Agent(llm=...) sends 'gpt-4o' to OpenAI; entry 'writer' of MODELS is left: the module "
    "reads the table otherwise too ({}), where the model may go elsewhere; give crewAI "
    f"'zai/glm-5.3' ({ROUTE}), by hand"
)


def test_a_table_entry_read_elsewhere_too_is_left_to_a_person(tmp_path):
    """The entry also given to an OpenAI client (which takes the model bare), or the table
    read by a key computed at run time: no one spelling serves every read (before, ML204 wrote
    it bare and crewAI sent it to OpenAI)."""
    client = (
        TABLE.replace("from crewai", "from openai import OpenAI\nfrom crewai")
        + 'OpenAI().chat.completions.create(model=MODELS["writer"], messages=[])\n'
    )
    computed = TABLE + "role = 'writer'\nother = MODELS[role]\n"
    for text, line, read in [
        (client, 4, '`MODELS["writer"]` on line 7'),
        (computed, 3, "`MODELS[role]` on line 7"),
    ]:
        root = project(tmp_path, {"crew.py": text})
        assert found(root) == [
            ("crew.py", line, "ML690", "error", "manual", LEFT.format(read)),
            ("crew.py", line, "ML204", "warning", "review", CHECKER),
        ]
        assert '"writer": "gpt-4o"' in applied(root)["crew.py"]


def test_an_openai_key_in_the_dotenv_of_a_crewai_project_on_litellms_route_keeps_check_red(
    tmp_path,
):
    crew = (
        "from crewai import Agent\n\n"
        'writer = Agent(role="w", goal="g", backstory="b", llm="gpt-4o")\n'
    )
    dotenv = "OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78Ij90\nMODEL=gpt-4o-mini\n"
    root = project(tmp_path, {"crew.py": crew, ".env": dotenv, "requirements.txt": REQUIREMENTS})
    result = scan(ScanOptions(paths=(root,), provider="zhipu", cwd=root, jobs=1))
    key = [f for f in result.findings if f.rule == "ML501"]
    assert [(f.line, f.severity.value, f.fix.value, f.message, f.data) for f in key] == [
        (
            1,
            "error",
            "review",
            "OPENAI_API_KEY holds an OpenAI key here (apply adds `# ZAI_API_KEY=` after it, "
            "commented out: an empty line would override the key the environment sets), and "
            "litellm's zai/ route sends OPENAI_API_KEY where ZAI_API_KEY is unset or empty and "
            "a call passes no api_key, or an empty one: the OpenAI key would go to Zhipu AI "
            "(GLM); remove this "
            "line by hand (apply never edits a key) and set ZAI_API_KEY to your Zhipu AI (GLM) "
            "key",
            {
                "variable_from": "OPENAI_API_KEY",
                "variable_to": "ZAI_API_KEY",
                "litellm_fallback": True,
            },
        )
    ]
    after = applied(root)
    assert after[".env"] == (
        "OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78Ij90\n# ZAI_API_KEY=\nMODEL=zai/glm-4-air-250414\n"
    )
    write(root, after)
    assert check_exit(root) == 1
    # the line removed by hand and the provider's key set: green
    (root / ".env").write_text("ZAI_API_KEY=zai-test\nMODEL=zai/glm-4-air-250414\n")
    assert check_exit(root) == 0
    # crewAI's own route for DashScope (crewai>=1.12.1) does not go through litellm; below
    # that release it does
    (root / ".env").write_text(dotenv)
    for pin, severity in [("1.15.17", "warning"), ("1.11.1", "error")]:
        (root / "requirements.txt").write_text(f"crewai[litellm]=={pin}\n")
        result = scan(ScanOptions(paths=(root,), provider="qwen", cwd=root, jobs=1))
        assert [f.severity.value for f in result.findings if f.rule == "ML501"] == [severity]
