"""crewAI (ML690, ML601 on a LangChain model given to crewAI, and ML503 in a project that
imports crewAI): exact findings, the text `apply` writes and its Next line, with the real
provider files. crewAI itself is not installed for the tests (a large package): its routing
was checked against crewai 1.15.17, 1.12.1, 1.11.1 and 1.6.1 (frameworks/crewai.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm import run_facts
from migrate_llm.cli import app
from migrate_llm.engine import ScanOptions, plan, scan
from migrate_llm.run_facts import RunFacts, facts_of
from tests.apply_summary import placeholder_step

CREW = (
    "from crewai import Agent, Crew, LLM, Task\n"
    "\n"
    'llm = LLM(model="gpt-4o", temperature=0.2)\n'
    'writer = Agent(role="w", goal="g", backstory="b", llm=llm)\n'
    'critic = Agent(role="c", goal="g", backstory="b")\n'
    'task = Task(description="d", expected_output="o", agent=writer)\n'
    "crew = Crew(agents=[writer, critic], tasks=[task])\n"
)


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def found(
    root: Path, provider: str = "deepseek", region: str | None = None
) -> list[tuple[str, int, str, str, str]]:
    options = ScanOptions(paths=(root,), provider=provider, region=region, cwd=root, jobs=1)
    result = scan(options)
    return [(f.path, f.line, f.rule, f.severity.value, f.message) for f in result.findings]


def applied(root: Path, provider: str = "deepseek") -> dict[str, str]:
    options = ScanOptions(paths=(root,), provider=provider, cwd=root, jobs=1)
    return {p.change.path: p.change.after for p in plan(options).planned}


# crewAI's own DeepSeek route exists from crewai 1.12.1 on: where no pin says which crewai
# the project runs, the route before it (litellm's) is named too
DEEPSEEK_ROUTE = (
    "crewAI's deepseek route in crewai>=1.12.1; in older releases litellm's deepseek route: "
    "install crewai[litellm] and set DEEPSEEK_API_BASE=https://api.deepseek.com"
)
AGENT_DEFAULT = (
    "Agent() is given no llm: it runs crewAI's default model (MODEL, MODEL_NAME or "
    "OPENAI_MODEL_NAME, else gpt-4.1-mini (gpt-4o-mini before crewai 1.2.0)) at OpenAI, and no "
    ".env of the project sets it; "
    'pass llm="deepseek/deepseek-flash" or set MODEL=deepseek/deepseek-flash in the .env '
    "(check sees a .env that .gitignore hides only with --no-gitignore); "
    f"deepseek/deepseek-flash takes {DEEPSEEK_ROUTE}"
)


def test_an_openai_model_and_the_default_model_without_a_dotenv(tmp_path):
    root = project(tmp_path, {"crew.py": CREW})
    assert found(root) == [
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI; apply writes 'deepseek/deepseek-v4-pro' "
            f"({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
        ("crew.py", 5, "ML690", "error", AGENT_DEFAULT),
    ]
    assert applied(root)["crew.py"] == CREW.replace('"gpt-4o"', '"deepseek/deepseek-v4-pro"')


def test_a_dotenv_model_is_written_routed_and_then_nothing_is_left(tmp_path):
    root = project(
        tmp_path, {"crew.py": CREW, ".env": "MODEL=gpt-4o-mini\nOPENAI_API_KEY=sk-placeholder\n"}
    )
    findings = found(root)
    assert [f for f in findings if f[2] in ("ML503", "ML690")] == [
        (
            ".env",
            1,
            "ML503",
            "warning",
            "gpt-4o-mini is an OpenAI model; it maps to deepseek-flash on DeepSeek, which "
            f"crewAI reads as deepseek/deepseek-flash ({DEEPSEEK_ROUTE})",
        ),
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI; apply writes 'deepseek/deepseek-v4-pro' "
            f"({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
    ]
    after = applied(root)
    assert after[".env"].splitlines()[0] == "MODEL=deepseek/deepseek-flash"
    for name, text in after.items():
        (root / name).write_text(text, encoding="utf-8")
    assert [f for f in found(root) if f[2] in ("ML503", "ML690")] == []


def test_a_provider_model_without_its_prefix_goes_to_openai(tmp_path):
    root = project(
        tmp_path,
        {
            "crew.py": 'from crewai import Agent\n\nagent = Agent(role="r", goal="g", '
            'backstory="b", llm="deepseek-v4-pro")\n',
            ".env": "MODEL=deepseek-flash\n",
        },
    )
    assert found(root) == [
        (
            ".env",
            1,
            "ML503",
            "error",
            "crewAI sends deepseek-flash to OpenAI: it routes a model without a provider prefix "
            f"there; apply writes deepseek/deepseek-flash ({DEEPSEEK_ROUTE})",
        ),
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "Agent(llm=...) sends 'deepseek-v4-pro' to OpenAI: crewAI routes a model without a "
            "provider prefix there; apply writes 'deepseek/deepseek-v4-pro' "
            f"({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
    ]
    after = applied(root)
    assert after[".env"] == "MODEL=deepseek/deepseek-flash\n"
    assert 'llm="deepseek/deepseek-v4-pro")' in after["crew.py"]


def test_openai_model_name_is_crewais_setting_in_a_crewai_project(tmp_path):
    """crewAI reads OPENAI_MODEL_NAME as its model: ML503 routes it, and ML501 (a variable
    named after OpenAI) has nothing to add, before or after apply."""
    root = project(tmp_path, {"crew.py": CREW, ".env": "OPENAI_MODEL_NAME=gpt-4o-mini\n"})
    assert [f[2] for f in found(root) if f[0] == ".env"] == ["ML503"]
    after = applied(root)
    assert after[".env"] == "OPENAI_MODEL_NAME=deepseek/deepseek-flash\n"
    (root / ".env").write_text(after[".env"], encoding="utf-8")
    assert [f for f in found(root) if f[0] == ".env"] == []
    # without crewAI, who reads it is not known
    (root / "crew.py").write_text("print('hi')\n", encoding="utf-8")
    assert [f[2] for f in found(root) if f[0] == ".env"] == ["ML501"]


def test_a_dotenv_model_of_a_project_without_crewai_stays_bare(tmp_path):
    root = project(tmp_path, {"app.py": "print('hi')\n", ".env": "MODEL=gpt-4o-mini\n"})
    assert applied(root)[".env"] == "MODEL=deepseek-flash\n"


def test_a_route_through_litellm_and_a_provider_without_a_prefix(tmp_path):
    root = project(
        tmp_path, {"crew.py": 'from crewai import LLM\n\nllm = LLM(model="gpt-4o-mini")\n'}
    )
    assert found(root, "moonshot")[0][4] == (
        "LLM() sends 'gpt-4o-mini' to OpenAI; apply writes 'moonshot/kimi-k2.6' (litellm's "
        "moonshot route: install crewai[litellm]) for Moonshot AI (Kimi)"
    )
    assert found(root, "baichuan")[0][3:] == (
        "error",
        "LLM() sends 'gpt-4o-mini' to OpenAI; crewAI has no route of its own for Baichuan: "
        'give it model="openai/Baichuan4-Turbo", base_url=os.environ.get("BAICHUAN_BASE_URL", '
        '"https://api.baichuan-ai.com/v1"), api_key=os.environ["BAICHUAN_API_KEY"] by hand',
    )


def test_models_routed_or_pointed_on_purpose_are_left(tmp_path):
    root = project(
        tmp_path,
        {
            "crew.py": "from crewai import Agent, LLM\n\n"
            'a = LLM(model="anthropic/claude-sonnet-4")\n'
            'b = LLM(model="gpt-4o", base_url="http://localhost:8000/v1")\n'
            'c = LLM(model="gpt-4o", provider="openai")\n'
            'd = Agent(role="r", goal="g", backstory="b", llm=a)\n'
            'e = Agent(role="r", goal="g", backstory="b", **settings)\n',
        },
    )
    assert found(root) == []


def next_line(root: Path, *region: str) -> str:
    """The Next line `apply --yes` prints for Qwen."""
    args = ["apply", str(root), "--provider", "qwen", *region, "--yes", "--allow-dirty"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.stderr
    return done.stderr.splitlines()[-1]


QWEN_LLM = 'from crewai import LLM\n\nllm = LLM(model="gpt-4o")\n'
SINGAPORE = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
BEIJING = "https://dashscope.aliyuncs.com/compatible-mode/v1"
QWEN_KEY = (
    "Next: export DASHSCOPE_API_KEY=<your Alibaba Qwen (DashScope / Model Studio) key> (the "
    "OpenAI key does not work there)"
)


def test_dashscopes_own_route_goes_to_singapore_unless_its_variable_says_otherwise(tmp_path):
    """crewAI's DashScope route defaults to the Singapore host, where a Beijing key fails."""
    pinned = '[project]\nname = "c"\ndependencies = ["crewai[tools]>=1.13"]\n'
    root = project(tmp_path, {"crew.py": QWEN_LLM, "pyproject.toml": pinned})
    assert found(root, "qwen") == [
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI; apply writes 'dashscope/qwen4-max' (crewAI's "
            f"dashscope route, which reads DASHSCOPE_BASE_URL, else {SINGAPORE} (region intl): "
            f"set DASHSCOPE_BASE_URL={BEIJING} for region cn) for Alibaba Qwen (DashScope / "
            "Model Studio)",
        )
    ]
    result = scan(ScanOptions(paths=(root,), provider="qwen", cwd=root, jobs=1))
    assert result.findings[0].data == {
        "model_from": "gpt-4o",
        "model_to": "dashscope/qwen4-max",
        "crewai_route": "dashscope",
        "crewai_base_url_env": "DASHSCOPE_BASE_URL",
        "crewai_base_url": SINGAPORE,
    }
    # the Singapore region is the route's default: nothing to set
    intl = scan(ScanOptions(paths=(root,), provider="qwen", region="intl", cwd=root, jobs=1))
    assert [f.message for f in intl.findings] == [
        "LLM() sends 'gpt-4o' to OpenAI; apply writes 'dashscope/qwen4-max' (crewAI's "
        "dashscope route) for Alibaba Qwen (DashScope / Model Studio)"
    ]
    assert next_line(root) == (
        f"{QWEN_KEY} and DASHSCOPE_BASE_URL={BEIJING}: crewAI's dashscope/ route reads them, "
        f"and without DASHSCOPE_BASE_URL goes to {SINGAPORE}."
    )
    assert (root / "crew.py").read_text() == QWEN_LLM.replace("gpt-4o", "dashscope/qwen4-max")


def test_without_a_pin_both_routes_and_their_variables_are_named(tmp_path):
    root = project(tmp_path, {"crew.py": QWEN_LLM})
    assert found(root, "qwen")[0][4] == (
        "LLM() sends 'gpt-4o' to OpenAI; apply writes 'dashscope/qwen4-max' (crewAI's dashscope "
        f"route in crewai>=1.12.1, which reads DASHSCOPE_BASE_URL, else {SINGAPORE} (region "
        f"intl): set DASHSCOPE_BASE_URL={BEIJING} for region cn; in older releases litellm's "
        "dashscope route: install crewai[litellm] and set "
        f"DASHSCOPE_API_BASE={BEIJING}) for Alibaba Qwen (DashScope / Model Studio)"
    )
    assert next_line(root) == (
        f"{QWEN_KEY} and DASHSCOPE_BASE_URL={BEIJING}: crewAI's dashscope/ route reads them, "
        f"and without DASHSCOPE_BASE_URL goes to {SINGAPORE}. crewai<1.12.1 takes dashscope/ "
        f"through litellm: install crewai[litellm] and export DASHSCOPE_API_BASE={BEIJING}."
    )


def test_a_pin_below_crewais_own_route_makes_it_litellms(tmp_path):
    """crewai 1.6.1 (crewAI-examples' lock) has no DashScope route: litellm's is taken."""
    pinned = "crewai[tools]==1.6.1\nlangchain-openai\n"
    root = project(tmp_path, {"crew.py": QWEN_LLM, "requirements.txt": pinned})
    assert found(root, "qwen")[0][4] == (
        "LLM() sends 'gpt-4o' to OpenAI; apply writes 'dashscope/qwen4-max' (litellm's "
        "dashscope route (the project pins crewai below 1.12.1): install crewai[litellm]) for "
        "Alibaba Qwen (DashScope / Model Studio)"
    )
    assert next_line(root) == (
        "Next: export DASHSCOPE_API_KEY=<your Alibaba Qwen (DashScope / Model Studio) key> and "
        f"DASHSCOPE_API_BASE={BEIJING} (the OpenAI key does not work there): litellm's "
        "dashscope/ route reads them where a call passes no api_key or api_base. Where "
        "DASHSCOPE_API_KEY is unset or empty it sends OPENAI_API_KEY instead: unset "
        "OPENAI_API_KEY (and remove it from .env files) wherever it runs."
    )


UV_LOCK = (
    'version = 1\n\n[[package]]\nname = "crewai"\nversion = "{}"\n'
    'source = {{ registry = "https://pypi.org/simple" }}\n'
)
RANGE = '[project]\nname = "c"\ndependencies = ["crewai[tools]>=0.152.0"]\n'


def test_a_uv_lock_tells_the_route_where_the_requirements_range_does_not(tmp_path):
    """crewAI-examples requires crewai>=0.152.0 and locks 1.6.1: litellm's route."""
    files = {"crew.py": QWEN_LLM, "pyproject.toml": RANGE, "uv.lock": UV_LOCK.format("1.6.1")}
    root = project(tmp_path, files)
    assert found(root, "qwen")[0][4] == (
        "LLM() sends 'gpt-4o' to OpenAI; apply writes 'dashscope/qwen4-max' (litellm's "
        "dashscope route (the project pins crewai below 1.12.1): install crewai[litellm]) for "
        "Alibaba Qwen (DashScope / Model Studio)"
    )
    (root / "uv.lock").write_text(UV_LOCK.format("1.15.30"))
    assert found(root, "qwen", "intl")[0][4] == (
        "LLM() sends 'gpt-4o' to OpenAI; apply writes 'dashscope/qwen4-max' (crewAI's "
        "dashscope route) for Alibaba Qwen (DashScope / Model Studio)"
    )
    # a lock of other packages tells nothing: both routes are named
    (root / "uv.lock").write_text(UV_LOCK.format("1.6.1").replace('"crewai"', '"crewai-tools"'))
    assert "in older releases litellm's" in found(root, "qwen")[0][4]


def test_a_uv_lock_is_read_only_for_a_project_importing_crewai_without_a_telling_pin(tmp_path):
    (tmp_path / "uv.lock").write_text(UV_LOCK.format("1.6.1"))
    root = str(tmp_path)
    roots = frozenset({root})
    imports, old, new = (
        run_facts.IMPORTS_CREWAI,
        run_facts.PINS_OLD_CREWAI,
        run_facts.PINS_NEW_CREWAI,
    )
    one = run_facts.PINS_CREWAI_1
    for before, after in [
        (imports, imports | old | one),  # no pin tells: the lock's 1.6.1
        (imports | new | one, imports | new | one),  # the pins tell (a lock agrees with them)
        (imports | new, imports | new | one),  # the lock tells what the pins do not
        (imports | old | new | one, imports | old | one),  # pins that disagree: the lock decides
        (run_facts.SETS_OPENAI, run_facts.SETS_OPENAI),  # no crewAI: no lock read
    ]:
        bits = {root: before}
        run_facts.with_locked_crewai(bits, roots)
        assert bits[root] == after
    bits = {root: imports}
    run_facts.with_locked_crewai(bits, frozenset())  # files under no project file
    assert bits == {root: imports}


MEMORY = (
    "from crewai import Agent, Memory\n"
    "\n"
    "memory = Memory(embedder=EMBEDDER)\n"
    'chosen = Memory(llm="gpt-4o", embedder=EMBEDDER)\n'
    'agent = Agent(role="r", goal="g", backstory="b", llm="deepseek/deepseek-flash", memory=True)\n'
    'alone = Agent(role="r", goal="g", backstory="b", memory=True)\n'
    "spread = Memory(**settings)\n"
)
MEMORY_HEAD = (
    "analyses what it saves and recalls with OpenAI's gpt-5.4-mini (gpt-4o-mini before crewai "
    "1.15.0), with OPENAI_API_KEY"
)


def test_memory_given_no_llm_analyses_with_openais_model(tmp_path):
    """crewai 1.15.30's Memory() defaults to gpt-5.4-mini; an agent's memory=True passes the
    agent's llm, none where it has none (MODEL does not reach it)."""
    root = project(tmp_path, {"crew.py": MEMORY})
    assert [f[1:] for f in found(root) if f[2] == "ML690"] == [
        (
            3,
            "ML690",
            "error",
            f'Memory() is given no llm: it {MEMORY_HEAD}; pass llm="deepseek/deepseek-flash" '
            f"(deepseek/deepseek-flash takes {DEEPSEEK_ROUTE})",
        ),
        (
            4,
            "ML690",
            "error",
            "Memory(llm=...) sends 'gpt-4o' to OpenAI; apply writes 'deepseek/deepseek-v4-pro' "
            f"({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
        (6, "ML690", "error", AGENT_DEFAULT),
        (
            6,
            "ML690",
            "error",
            f"Agent(memory=True) is given no llm: the Memory() it builds {MEMORY_HEAD}, whatever "
            'MODEL sets; pass memory=Memory(llm="deepseek/deepseek-flash") (from crewai import '
            f"Memory; deepseek/deepseek-flash takes {DEEPSEEK_ROUTE})",
        ),
    ]
    after = applied(root)["crew.py"]
    assert after == MEMORY.replace('llm="gpt-4o"', 'llm="deepseek/deepseek-v4-pro"')
    # a .env setting crewAI's model reaches the agent, not its memory
    (root / ".env").write_text("MODEL=deepseek/deepseek-flash\n")
    assert [f[1] for f in found(root) if f[2] == "ML690"] == [3, 4, 6]


def test_memory_of_a_provider_without_a_route_is_given_openais_route_pointed(tmp_path):
    text = (
        "from crewai import Agent\n\n"
        'agent = Agent(role="r", goal="g", backstory="b", memory=True)\n'
    )
    root = project(tmp_path, {"crew.py": text, ".env": "MODEL=openai/Baichuan4-Turbo\n"})
    assert [f[4] for f in found(root, "baichuan") if f[2] == "ML690"] == [
        f"Agent(memory=True) is given no llm: the Memory() it builds {MEMORY_HEAD}, whatever "
        "MODEL sets; crewAI has no route of its own for Baichuan: pass memory=Memory(llm=LLM("
        'model="openai/Baichuan4-Turbo", base_url=os.environ.get("BAICHUAN_BASE_URL", '
        '"https://api.baichuan-ai.com/v1"), api_key=os.environ["BAICHUAN_API_KEY"])) by hand '
        "(from crewai import Memory)"
    ]


PLANNING = (
    "from crewai import Agent, Crew, PlanningConfig\n"
    "\n"
    "crew = Crew(agents=[], tasks=[], planning=True)\n"
    'chosen = Crew(tasks=[], planning=True, planning_llm="gpt-4o")\n'
    "off = Crew(agents=[], tasks=[], planning=False)\n"
    "unset = Crew(agents=[], tasks=[], planning=True, planning_llm=None)\n"
    "spread = Crew(planning=True, **settings)\n"
    'thinker = Agent(role="r", goal="g", backstory="b", llm="deepseek/deepseek-flash", '
    "reasoning=True)\n"
    'planner = Agent(role="r", goal="g", backstory="b", llm="deepseek/deepseek-flash", '
    "planning_config=PlanningConfig())\n"
)
PLANNING_HEAD = (
    "Crew(planning=True) is given no planning_llm: it plans with OpenAI's gpt-5.4-mini "
    "(gpt-4o-mini before crewai 1.15.0), with OPENAI_API_KEY, whatever its agents run"
)


def test_a_crew_planning_without_a_planning_llm_plans_with_openais_model(tmp_path):
    """crewai 1.15.30's CrewPlanner gives its planning agent `planning_llm or "gpt-5.4-mini"`
    (1.14.7: "gpt-4o-mini"); an agent's own planning (reasoning=True, planning_config) plans
    with the agent's llm, so nothing more is reported there."""
    root = project(tmp_path, {"crew.py": PLANNING})
    default = (
        f'{PLANNING_HEAD}; pass planning_llm="deepseek/deepseek-flash" '
        f"(deepseek/deepseek-flash takes {DEEPSEEK_ROUTE})"
    )
    assert [f[1:] for f in found(root)] == [
        (3, "ML690", "error", default),
        (
            4,
            "ML690",
            "error",
            "Crew(planning_llm=...) sends 'gpt-4o' to OpenAI; apply writes "
            f"'deepseek/deepseek-v4-pro' ({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
        (6, "ML690", "error", default),
    ]
    after = applied(root)["crew.py"]
    assert after == PLANNING.replace('"gpt-4o"', '"deepseek/deepseek-v4-pro"')
    (root / "crew.py").write_text(after, encoding="utf-8")
    assert [f[1] for f in found(root)] == [3, 6]
    # a provider crewAI has no route for: its planning_llm is OpenAI's route, pointed
    assert [f[4] for f in found(root, "baichuan") if f[1] == 3] == [
        f"{PLANNING_HEAD}; crewAI has no route of its own for Baichuan: pass "
        'planning_llm=LLM(model="openai/Baichuan4-Turbo", base_url=os.environ.get('
        '"BAICHUAN_BASE_URL", "https://api.baichuan-ai.com/v1"), '
        'api_key=os.environ["BAICHUAN_API_KEY"]) by hand'
    ]


CHAT_AND_PLANNING = (
    "from crewai import Agent, Crew, PlanningConfig\n"
    "from crewai.agent.planning_config import PlanningConfig as Config\n"
    "\n"
    'planning = PlanningConfig(llm="gpt-4o")\n'
    'config = Config(llm="gpt-4o-mini", max_steps=5)\n'
    'crew = Crew(agents=[], tasks=[], chat_llm="gpt-4o")\n'
    'routed = PlanningConfig(llm="deepseek/deepseek-flash")\n'
    'planner = Agent(role="r", goal="g", backstory="b", llm="deepseek/deepseek-flash", '
    "planning_config=planning)\n"
)


def test_a_planning_config_llm_and_a_crews_chat_llm_are_crewais_model_strings(tmp_path):
    """crewai 1.15.17's PlanningConfig.llm (reasoning_handler.py `_resolve_llm`:
    `create_llm(config.llm)`) and Crew.chat_llm (crew_chat.py `create_llm(crew.chat_llm)`,
    crew.py `_memory_llm`) are model strings routed like Agent(llm=...): unprefixed, OpenAI."""
    root = project(tmp_path, {"crew.py": CHAT_AND_PLANNING})
    assert [f[1:] for f in found(root)] == [
        (
            4,
            "ML690",
            "error",
            "PlanningConfig(llm=...) sends 'gpt-4o' to OpenAI; apply writes "
            f"'deepseek/deepseek-v4-pro' ({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
        (
            5,
            "ML690",
            "error",
            "Config(llm=...) sends 'gpt-4o-mini' to OpenAI; apply writes "
            f"'deepseek/deepseek-flash' ({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
        (
            6,
            "ML690",
            "error",
            "Crew(chat_llm=...) sends 'gpt-4o' to OpenAI; apply writes "
            f"'deepseek/deepseek-v4-pro' ({DEEPSEEK_ROUTE}) for DeepSeek",
        ),
    ]
    after = applied(root)["crew.py"]
    assert after == CHAT_AND_PLANNING.replace('"gpt-4o"', '"deepseek/deepseek-v4-pro"').replace(
        '"gpt-4o-mini"', '"deepseek/deepseek-flash"'
    )
    (root / "crew.py").write_text(after, encoding="utf-8")
    assert found(root) == []


LANGCHAIN_TO_CREWAI = (
    "ChatOpenAI() (LangChain) is given to crewAI as Agent(llm=...): crewAI keeps only its "
    "model (it reads no key or base URL from a LangChain object), so that goes to OpenAI, and "
    'crewai>=1.11.1 refuses the object; pass crewAI\'s LLM(model="deepseek/{}") instead (from '
    f"crewai import LLM; {DEEPSEEK_ROUTE})"
)


def test_a_langchain_model_given_to_an_agent_is_left_for_crewais_own_llm(tmp_path):
    """Pointing ChatOpenAI at the provider does nothing for crewAI, which keeps its model
    only: the class is reported (manual), also once an earlier apply pointed it."""
    pointed = (
        "import os\n\nfrom crewai import Agent\nfrom langchain_openai import ChatOpenAI\n\n"
        "agent = Agent(\n"
        '    role="r",\n    goal="g",\n    backstory="b",\n'
        "    llm=ChatOpenAI(\n"
        '        api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '        base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '        model="deepseek-v4-pro",\n'
        "    ),\n)\n"
    )
    held = (
        "from crewai import Agent\nfrom crewai.project import CrewBase, agent\n"
        "from langchain_openai import ChatOpenAI\n\n\n@CrewBase\nclass Meeting:\n"
        '    llm = ChatOpenAI(model="gpt-4")\n\n'
        "    def __init__(self):\n"
        '        self.fast = ChatOpenAI(model_name="gpt-4o-mini", temperature=0.7)\n\n'
        "    @agent\n    def analyst(self) -> Agent:\n"
        '        return Agent(role="r", goal="g", backstory="b", llm=self.llm)\n\n'
        "    def helper(self) -> Agent:\n"
        '        return Agent(role="r", goal="g", backstory="b", function_calling_llm=self.fast)\n'
        "\n\n"
        'summary = ChatOpenAI(model="gpt-4o")\n'
    )
    root = project(tmp_path, {"pointed.py": pointed, "held.py": held})
    assert [f for f in found(root) if f[2] == "ML601"] == [
        ("held.py", 8, "ML601", "error", LANGCHAIN_TO_CREWAI.format("deepseek-v4-pro")),
        (
            "held.py",
            11,
            "ML601",
            "error",
            LANGCHAIN_TO_CREWAI.format("deepseek-flash").replace(
                "Agent(llm=...)", "Agent(function_calling_llm=...)"
            ),
        ),
        (
            "held.py",
            21,
            "ML601",
            "error",
            "ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY); for DeepSeek "
            "read the key from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL "
            "(default https://api.deepseek.com); model 'gpt-4o' -> 'deepseek-v4-pro'; "
            "'deepseek-v4-pro' thinks before it answers unless told not to, which 'gpt-4o' did "
            'not: extra_body={"thinking": {"type": "disabled"}} turns that off (drop it where '
            "the program wants the reasoning)",
        ),
        ("pointed.py", 10, "ML601", "error", LANGCHAIN_TO_CREWAI.format("deepseek-v4-pro")),
    ]
    after = applied(root)
    assert after["pointed.py"] == pointed
    # only the model crewAI is not given is pointed at the provider
    assert after["held.py"] == "import os\n\n" + held.replace(
        'summary = ChatOpenAI(model="gpt-4o")\n',
        "summary = ChatOpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '    extra_body={"thinking": {"type": "disabled"}},\n'
        '    tiktoken_model_name="gpt-4o",\n'
        '    model="deepseek-v4-pro",\n'
        ")\n",
    )
    done = CliRunner().invoke(app, ["check", str(root / "pointed.py"), "--provider", "deepseek"])
    assert done.exit_code == 1


def test_a_langchain_model_a_global_gives_crewai_later_or_in_a_branch_is_left_too(tmp_path):
    """t46b: a name bound to None first, then to ChatOpenAI below the function giving it to
    crewAI (already pointed by an earlier apply) or in an `if`, is the direct form's case."""
    head = "import os\n\nfrom crewai import Agent\nfrom langchain_openai import ChatOpenAI\n\nmodel = None\n"
    make = '\n\ndef make():\n    return Agent(role="r", goal="g", backstory="b", llm=model)\n'
    later = (
        head + make + "\n\nmodel = ChatOpenAI(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        '    model_name="deepseek-flash",\n'
        ")\n"
    )
    branch = (
        head + 'if os.environ.get("X"):\n    model = ChatOpenAI(model_name="gpt-4o-mini")\n' + make
    )
    root = project(tmp_path, {"later.py": later, "branch.py": branch})
    assert [f for f in found(root) if f[2] == "ML601"] == [
        ("branch.py", 8, "ML601", "error", LANGCHAIN_TO_CREWAI.format("deepseek-flash")),
        ("later.py", 13, "ML601", "error", LANGCHAIN_TO_CREWAI.format("deepseek-flash")),
    ]
    assert applied(root) == {"later.py": later, "branch.py": branch}
    done = CliRunner().invoke(app, ["check", str(root), "--provider", "deepseek"])
    assert done.exit_code == 1


def test_a_langchain_model_a_later_assignment_replaces_before_crewai_is_pointed(tmp_path):
    """A ChatOpenAI that a plain assignment of the same block replaces before crewAI gets the
    name (at module level, or in a function that runs later), or that another function's
    own name holds, is not given to crewAI: it is pointed at the provider as usual."""
    text = (
        "from crewai import LLM, Agent\nfrom langchain_openai import ChatOpenAI\n\n"
        'model = ChatOpenAI(model="gpt-4o-mini")\n'
        'print(model.invoke("hi"))\n'
        'model = LLM(model="deepseek/deepseek-flash")\n'
        'first = Agent(role="r", goal="g", backstory="b", llm=model)\n\n\n'
        "def make():\n"
        '    return Agent(role="r", goal="g", backstory="b", llm=model)\n\n\n'
        "def other():\n"
        '    model = LLM(model="deepseek/deepseek-flash")\n'
        '    return Agent(role="r", goal="g", backstory="b", llm=model)\n'
    )
    root = project(tmp_path, {"app.py": text})
    assert [(f[1], f[2], f[4].split(";")[0]) for f in found(root) if f[2] == "ML601"] == [
        (4, "ML601", "ChatOpenAI() (LangChain) talks to OpenAI (key from OPENAI_API_KEY)")
    ]


def test_a_gitignored_dotenv_routing_crewais_model_is_not_said_to_name_openai(tmp_path):
    root = project(
        tmp_path,
        {"crew.py": CREW, ".gitignore": ".env\n", ".env": "MODEL=dashscope/qwen-plus\n"},
    )
    options = ScanOptions(paths=(root,), provider="qwen", cwd=root, jobs=1)
    assert scan(options).ignored == ()
    (root / ".env").write_text("MODEL=dashscope/qwen-plus\nOPENAI_API_KEY=sk-placeholder\n")
    assert scan(options).ignored == (".env",)


@pytest.mark.parametrize(
    ("kind", "text", "routes"),
    [
        ("requirements", "crewai[tools]==1.6.1\n", False),
        ("requirements", "crewai>=1.12.1,<2\n", True),
        ("requirements", "crewai[tools]>=0.152.0\n", None),  # admits releases on both sides
        ("requirements", "crewai~=1.12\n", None),  # 1.12.0 is before the route
        ("toml", '[tool.poetry.dependencies]\ncrewai = "^1.13"\n', True),
        ("requirements", "crewai-tools==0.1\n", None),
    ],
)
def test_what_a_pin_tells_of_crewais_own_routes(kind, text, routes):
    bits = facts_of(kind, text.encode(), True, False, None)
    assert RunFacts().joined(RunFacts.of_bits(bits)).crewai_routes is routes


POINTED = (
    "import os\n\nfrom crewai import LLM\n\n"
    'a = LLM(model="gpt-4o-mini", base_url="https://api.openai.com/v1")\n'
    'b = LLM(model="gpt-4o", base_url=os.environ["OPENAI_BASE_URL"])\n'
    "c = LLM(\n"
    '    model="gpt-4o-mini",\n'
    '    api_key=os.getenv("OPENAI_API_KEY"),\n'
    '    base_url=os.getenv("OPENAI_API_BASE"),\n'
    ")\n"
)
DEEPSEEK_URL = 'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")'


def test_an_llm_given_openais_base_url_moves_its_model_url_and_key_together(tmp_path):
    """The trial's repro: switched alone, the URL took OpenAI's key and model to the provider
    (ML402), and the key read the provider's key and went to OpenAI (ML401)."""
    root = project(tmp_path, {"crew.py": POINTED})
    head = "to OpenAI's endpoint (base_url= names it); apply writes"
    moved = f"({DEEPSEEK_ROUTE}) for DeepSeek"
    assert found(root) == [
        (
            "crew.py",
            5,
            "ML690",
            "error",
            f"LLM() sends 'gpt-4o-mini' {head} 'deepseek/deepseek-flash' and points base_url= "
            f"at DEEPSEEK_BASE_URL together {moved}",
        ),
        (
            "crew.py",
            6,
            "ML690",
            "error",
            f"LLM() sends 'gpt-4o' {head} 'deepseek/deepseek-v4-pro' and points base_url= at "
            f"DEEPSEEK_BASE_URL together {moved}",
        ),
        (
            "crew.py",
            8,
            "ML690",
            "error",
            f"LLM() sends 'gpt-4o-mini' {head} 'deepseek/deepseek-flash' and points base_url= "
            f"at DEEPSEEK_BASE_URL and api_key= at DEEPSEEK_API_KEY together {moved}",
        ),
    ]
    after = applied(root)["crew.py"]
    assert after == (
        "import os\n\nfrom crewai import LLM\n\n"
        "a = LLM(\n"
        '    model="deepseek/deepseek-flash",\n'
        f"    base_url={DEEPSEEK_URL},\n"
        ")\n"
        "b = LLM(\n"
        '    model="deepseek/deepseek-v4-pro",\n'
        f"    base_url={DEEPSEEK_URL},\n"
        ")\n"
        "c = LLM(\n"
        '    model="deepseek/deepseek-flash",\n'
        '    api_key=os.getenv("DEEPSEEK_API_KEY"),\n'
        f"    base_url={DEEPSEEK_URL},\n"
        ")\n"
    )
    (root / "crew.py").write_text(after, encoding="utf-8")
    assert found(root) == []


def test_an_llm_given_openais_base_url_that_cannot_move_whole_is_left_whole(tmp_path):
    """A model the call does not show, or a key that is no read of OPENAI_API_KEY: the
    model, URL and key stay together (no ML401 or ML402 edit of one of them)."""
    text = (
        "import os\n\nfrom crewai import LLM\n\n"
        'd = LLM(model=MODEL, base_url="https://api.openai.com/v1")\n'
        'e = LLM(model="gpt-4o", api_key=key, base_url=os.getenv("OPENAI_BASE_URL"))\n'
    )
    root = project(tmp_path, {"crew.py": text})
    together = (
        f'base_url={DEEPSEEK_URL}, and api_key=os.environ["DEEPSEEK_API_KEY"] together, by hand'
    )
    assert found(root) == [
        (
            "crew.py",
            5,
            "ML690",
            "error",
            "LLM() sends its model to OpenAI's endpoint (base_url= names it); left: its model "
            f'is not a string written in the call. Give it model="deepseek/<model>", {together}',
        ),
        (
            "crew.py",
            6,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI's endpoint (base_url= names it); left: its api_key= "
            'is not a read of OPENAI_API_KEY. Give it model="deepseek/deepseek-v4-pro", '
            f"{together}",
        ),
    ]
    assert applied(root).get("crew.py", text) == text


OPENAI_CLIENT = (
    "import os\n\nfrom crewai import LLM\n\n"
    'a = LLM(provider="openai", model="gpt-4o", base_url="https://api.openai.com/v1", '
    'api_key=os.environ["OPENAI_API_KEY"])\n'
    'b = LLM(provider="openai", model="gpt-4o-mini", base_url="https://api.openai.com/v1")\n'
    'c = LLM(provider="openai", model=MODEL, api_base=os.getenv("OPENAI_BASE_URL"))\n'
)


def test_an_llm_given_provider_openai_and_openais_url_keeps_an_unprefixed_model(tmp_path):
    """provider="openai" builds crewAI's OpenAI client, which sends the model as written to
    its base_url with its api_key (else OPENAI_API_KEY): the model is mapped without a prefix
    and moves with the URL and key (one given where none is), or all are left, and ML401 and
    ML402 no longer switch the key or URL alone (the provider rejected 'gpt-4o')."""
    root = project(tmp_path, {"crew.py": OPENAI_CLIENT})
    head = "to OpenAI's endpoint (base_url= names it); apply writes"
    client = '(provider="openai": crewAI\'s OpenAI client) for DeepSeek'
    assert found(root) == [
        (
            "crew.py",
            5,
            "ML690",
            "error",
            f"LLM() sends 'gpt-4o' {head} 'deepseek-v4-pro' and points base_url= at "
            f"DEEPSEEK_BASE_URL and api_key= at DEEPSEEK_API_KEY together {client}",
        ),
        (
            "crew.py",
            6,
            "ML690",
            "error",
            f"LLM() sends 'gpt-4o-mini' {head} 'deepseek-flash' and points base_url= at "
            f"DEEPSEEK_BASE_URL and a new api_key= at DEEPSEEK_API_KEY together {client}",
        ),
        (
            "crew.py",
            7,
            "ML690",
            "error",
            "LLM() sends its model to OpenAI's endpoint (api_base= names it); left: its model "
            'is not a string written in the call. Give it model="<model>", '
            f'api_base={DEEPSEEK_URL}, and api_key=os.environ["DEEPSEEK_API_KEY"] together, '
            "by hand",
        ),
    ]
    after = applied(root)["crew.py"]
    assert after == (
        "import os\n\nfrom crewai import LLM\n\n"
        "a = LLM(\n"
        '    provider="openai",\n'
        '    model="deepseek-v4-pro",\n'
        f"    base_url={DEEPSEEK_URL},\n"
        '    api_key=os.environ["DEEPSEEK_API_KEY"],\n'
        ")\n"
        "b = LLM(\n"
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    provider="openai",\n'
        '    model="deepseek-flash",\n'
        f"    base_url={DEEPSEEK_URL},\n"
        ")\n"
        'c = LLM(provider="openai", model=MODEL, api_base=os.getenv("OPENAI_BASE_URL"))\n'
    )
    (root / "crew.py").write_text(after, encoding="utf-8")
    assert [f[1] for f in found(root)] == [17]  # c, left


def test_a_key_or_url_reaching_such_an_llm_through_a_name_stays_with_it(tmp_path):
    """Through a name the key read (ML401) or the URL read is not switched alone either: the
    key would go to OpenAI's URL written in the call, OpenAI's key (which crewAI reads
    itself) to the provider's URL."""
    text = (
        "import os\n\nfrom crewai import LLM\n\n"
        'key = os.getenv("OPENAI_API_KEY")\n'
        'URL = os.getenv("OPENAI_BASE_URL")\n'
        'a = LLM(model="gpt-4o", api_key=key, base_url="https://api.openai.com/v1")\n'
        "b = LLM(model=MODEL, base_url=URL)\n"
    )
    root = project(tmp_path, {"crew.py": text})
    assert [(line, rule) for _, line, rule, _, _ in found(root)] == [
        (5, "ML401"),
        (6, "ML401"),
        (7, "ML690"),
        (8, "ML690"),
    ]
    assert found(root)[:2] == [
        (
            "crew.py",
            5,
            "ML401",
            "warning",
            "reads OPENAI_API_KEY, which goes to LLM() on line 7, which apply leaves talking to "
            "OpenAI or Azure OpenAI (see its finding): given DeepSeek's key (DEEPSEEK_API_KEY) "
            "it would send that key there; point that call at DeepSeek, then read "
            "DEEPSEEK_API_KEY, by hand",
        ),
        (
            "crew.py",
            6,
            "ML401",
            "warning",
            "reads OPENAI_BASE_URL; not switched: it is the base URL of LLM() on line 8, whose "
            "key (OPENAI_API_KEY, which it reads itself) apply leaves OpenAI's: switched, it "
            "would send that key to DeepSeek; point both at DeepSeek (the key from "
            "DEEPSEEK_API_KEY) together, by hand",
        ),
    ]
    assert applied(root).get("crew.py", text) == text


OTHER_ROUTE = (
    "import os\n\nfrom crewai import LLM\n\n"
    'a = LLM(model="deepseek-chat", provider="deepseek", base_url="https://api.openai.com/v1")\n'
    "b = LLM(\n"
    '    model="gpt-4o",\n'
    '    provider="anthropic",\n'
    '    base_url="https://api.openai.com/v1",\n'
    '    api_key=os.environ["OPENAI_API_KEY"],\n'
    ")\n"
    'c = LLM(model="gpt-4o", provider=PROVIDER, api_base=os.getenv("OPENAI_BASE_URL"))\n'
)


def test_an_llm_given_another_provider_and_openais_url_is_left_whole(tmp_path):
    """`provider=` other than "openai" picks crewAI's route for that provider whatever the
    model, and its base_url= sends it to OpenAI: ML402 switched the URL alone (and ML401 the
    key), taking the model (and, on another route, the key) given with it to the provider.
    Now all are left, with what to write."""
    root = project(tmp_path, {"crew.py": OTHER_ROUTE})
    url = f"base_url={DEEPSEEK_URL}"
    key = 'api_key=os.environ["DEEPSEEK_API_KEY"]'
    assert found(root) == [
        (
            "crew.py",
            5,
            "ML690",
            "error",
            "LLM() sends 'deepseek-chat' to OpenAI's endpoint (base_url= names it); left: it is "
            'given provider="deepseek", which picks crewAI\'s route whatever the model. Drop '
            f'provider= and give it model="deepseek/deepseek-chat", {url}, and {key} together, '
            "by hand",
        ),
        (
            "crew.py",
            9,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI's endpoint (base_url= names it); left: it is given "
            'provider="anthropic", which picks crewAI\'s route whatever the model. Drop '
            f'provider= and give it model="deepseek/deepseek-v4-pro", {url}, and {key} '
            "together, by hand",
        ),
        (
            "crew.py",
            12,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI's endpoint (api_base= names it); left: it is given "
            "provider=PROVIDER, which picks crewAI's route whatever the model. Drop provider= "
            f'and give it model="deepseek/deepseek-v4-pro", api_base={DEEPSEEK_URL}, and {key} '
            "together, by hand",
        ),
    ]
    assert applied(root).get("crew.py", OTHER_ROUTE) == OTHER_ROUTE
    # a provider crewAI has no prefix for: OpenAI's route pointed, provider= dropped
    assert found(root, "baichuan")[0][4] == (
        "LLM() sends 'deepseek-chat' to OpenAI's endpoint (base_url= names it); left: it is "
        'given provider="deepseek", which picks crewAI\'s route whatever the model. Drop '
        "provider=: crewAI has no route of its own for Baichuan: give it "
        'model="openai/<model>", base_url=os.environ.get("BAICHUAN_BASE_URL", '
        '"https://api.baichuan-ai.com/v1"), api_key=os.environ["BAICHUAN_API_KEY"] by hand'
    )
    # a key read and a URL reaching such a call through a name are not switched alone either
    named = (
        "import os\n\nfrom crewai import LLM\n\n"
        'BASE = "https://api.openai.com/v1"\n'
        'key = os.getenv("OPENAI_API_KEY")\n'
        'a = LLM(model="gpt-4o", provider="deepseek", api_key=key, base_url=BASE)\n'
    )
    (root / "crew.py").write_text(named, encoding="utf-8")
    assert [f[1:3] for f in found(root)] == [(5, "ML402"), (6, "ML401"), (7, "ML690")]
    assert found(root)[1][4] == (
        "reads OPENAI_API_KEY, which goes to LLM() on line 7, which apply leaves talking to "
        "OpenAI or Azure OpenAI (see its finding): given DeepSeek's key (DEEPSEEK_API_KEY) it "
        "would send that key there; point that call at DeepSeek, then read DEEPSEEK_API_KEY, "
        "by hand"
    )
    assert applied(root).get("crew.py", named) == named


def test_a_constant_crewai_and_an_openai_client_both_take_is_left_with_both_spellings(
    tmp_path,
):
    """crewAI's LLM takes deepseek/<model>, the OpenAI client the bare id: ML690 and ML202
    both edited the constant, and apply kept one. Now neither does: ML202 names both where
    an SDK request sends it, else ML690 does."""
    root = project(
        tmp_path,
        {
            "sdk.py": 'from crewai import LLM\nfrom openai import OpenAI\n\nMODEL = "gpt-4o"\n'
            "llm = LLM(model=MODEL)\n"
            "reply = OpenAI().chat.completions.create(model=MODEL, messages=[])\n",
            "lc.py": "from crewai import LLM\nfrom langchain_openai import ChatOpenAI\n\n"
            'MODEL = "gpt-4o"\nllm = LLM(model=MODEL)\nchat = ChatOpenAI(model=MODEL)\n',
        },
    )

    def left(subject: str) -> str:
        return (
            f"{subject} maps to 'deepseek-v4-pro' on DeepSeek, but this module gives it to "
            "crewAI, which sends a model without a provider prefix to OpenAI, and to an OpenAI "
            "client: write 'deepseek/deepseek-v4-pro' where it reaches crewAI, "
            "'deepseek-v4-pro' where it reaches an OpenAI client, by hand"
        )

    models = [f for f in found(root) if f[2] in ("ML202", "ML690")]
    assert models == [
        ("lc.py", 4, "ML690", "error", left("constant MODEL = 'gpt-4o' (the model of LLM())")),
        (
            "sdk.py",
            4,
            "ML202",
            "warning",
            left("constant MODEL = 'gpt-4o' (used as model= on line 6)"),
        ),
    ]
    assert all('MODEL = "gpt-4o"\nllm = LLM(model=MODEL)\n' in t for t in applied(root).values())


OPENAI_ROUTED = (
    "from crewai import Agent, LLM\n"
    "\n"
    'a = LLM(model="openai/deepseek-flash")\n'
    'b = Agent(role="r", goal="g", backstory="b", llm="openai/deepseek-flash")\n'
    'c = LLM(model="openai/deepseek-flash", base_url="https://api.deepseek.com")\n'
)
PINNED_0 = '[project]\nname = "c"\ndependencies = ["crewai==0.152.0"]\n'
ROUTED_HEAD = "sends 'openai/deepseek-flash' to OpenAI: its openai/ prefix picks OpenAI's route, "


def test_a_provider_model_on_the_openai_route_goes_to_openai(tmp_path):
    """t43f: `LLM(model="openai/deepseek-flash")` sent OPENAI_API_KEY to api.openai.com and
    check passed. Written on the provider's route; one given DeepSeek's base_url is left."""
    root = project(tmp_path, {"crew.py": OPENAI_ROUTED, "pyproject.toml": PINNED_0})
    route = "litellm's deepseek route (the project pins crewai below 1.12.1)"
    assert found(root) == [
        (
            "crew.py",
            3,
            "ML690",
            "error",
            f"LLM() {ROUTED_HEAD}with OPENAI_API_KEY; apply writes 'deepseek/deepseek-flash' "
            f"({route}) for DeepSeek",
        ),
        (
            "crew.py",
            4,
            "ML690",
            "error",
            f"Agent(llm=...) {ROUTED_HEAD}with OPENAI_API_KEY; apply writes "
            f"'deepseek/deepseek-flash' ({route}) for DeepSeek",
        ),
    ]
    after = applied(root)["crew.py"]
    assert after == OPENAI_ROUTED.replace(
        'a = LLM(model="openai/deepseek-flash")', 'a = LLM(model="deepseek/deepseek-flash")'
    ).replace('llm="openai/deepseek-flash"', 'llm="deepseek/deepseek-flash"')
    (root / "crew.py").write_text(after)
    assert found(root) == []  # idempotent


def test_a_provider_model_on_the_openai_route_beside_openais_base_url_moves_both(tmp_path):
    text = (
        "from crewai import LLM\n\n"
        'llm = LLM(model="openai/deepseek-flash", base_url="https://api.openai.com/v1")\n'
    )
    root = project(tmp_path, {"crew.py": text, "pyproject.toml": PINNED_0})
    assert applied(root)["crew.py"] == (
        "import os\n\nfrom crewai import LLM\n\nllm = LLM(\n"
        '    model="deepseek/deepseek-flash",\n'
        '    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n)\n'
    )


def test_a_dotenv_model_on_the_openai_route_goes_to_openai(tmp_path):
    """`.env` `MODEL=openai/deepseek-flash` passed check in t43f (with --no-gitignore)."""
    crew = "from crewai import Agent\n"
    files = {"crew.py": crew, "pyproject.toml": PINNED_0, ".env": "MODEL=openai/deepseek-flash\n"}
    root = project(tmp_path, files)
    head = "crewAI sends openai/deepseek-flash to OpenAI: its openai/ prefix picks OpenAI's route"
    route = "litellm's deepseek route (the project pins crewai below 1.12.1)"
    assert found(root) == [
        (
            ".env",
            1,
            "ML503",
            "error",
            f"{head}, with OPENAI_API_KEY; apply writes deepseek/deepseek-flash ({route})",
        )
    ]
    assert applied(root)[".env"] == "MODEL=deepseek/deepseek-flash\n"
    (root / ".env").write_text("MODEL=openai/gpt-4o\n")
    assert found(root) == [
        (
            ".env",
            1,
            "ML503",
            "warning",
            "crewAI sends openai/gpt-4o to OpenAI: its openai/ prefix picks OpenAI's route, with "
            f"OPENAI_API_KEY; apply writes deepseek/deepseek-v4-pro ({route})",
        )
    ]
    # OpenAI's base-URL variable pointed elsewhere beside it: left (ML501 reports that)
    (root / ".env").write_text(
        "MODEL=openai/deepseek-flash\nOPENAI_API_BASE=https://api.deepseek.com\n"
    )
    assert [f[2] for f in found(root)] == ["ML501"]


def test_the_default_model_and_the_litellm_extra_follow_the_pinned_crewai(tmp_path):
    """crewai<1.2.0 falls back to gpt-4o-mini (0.152.0, 1.0.0, 1.1.0 wheels); crewai<1.0 has
    no litellm extra (litellm is a dependency)."""
    agent = 'from crewai import Agent\n\nagent = Agent(role="r", goal="g", backstory="b")\n'
    files = {"crew.py": agent, "pyproject.toml": RANGE, "uv.lock": UV_LOCK.format("0.152.0")}
    root = project(tmp_path, files)
    head = (
        "Agent() is given no llm: it runs crewAI's default model (MODEL, MODEL_NAME or "
        "OPENAI_MODEL_NAME, else {}) at OpenAI, and no .env of the project sets it; "
        'pass llm="deepseek/deepseek-flash" or set MODEL=deepseek/deepseek-flash in the .env '
        "(check sees a .env that .gitignore hides only with --no-gitignore); "
        "deepseek/deepseek-flash takes litellm's deepseek route (the project pins crewai below "
        "1.12.1){}"
    )
    assert [f[4] for f in found(root)] == [head.format("gpt-4o-mini", "")]
    (root / "uv.lock").write_text(UV_LOCK.format("1.6.1"))
    newer = "gpt-4.1-mini (gpt-4o-mini before crewai 1.2.0)"
    assert [f[4] for f in found(root)] == [head.format(newer, ": install crewai[litellm]")]
    bits = {str(root): run_facts.IMPORTS_CREWAI}
    (root / "uv.lock").write_text(UV_LOCK.format("1.0.0"))
    run_facts.with_locked_crewai(bits, frozenset(bits))
    assert bits[str(root)] & run_facts.PINS_CREWAI_1
    assert RunFacts.of_bits(run_facts.PINS_CREWAI_0).crewai_1 is False


def test_the_next_line_names_litellms_variable_for_a_left_agent(tmp_path):
    """t43f markdown_validator: a ChatOpenAI apply moved and an Agent with no llm left; once
    given `deepseek/...` (crewai<1.12.1: litellm's route) it reads DEEPSEEK_API_BASE."""
    main = "from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model='gpt-4o')\n"
    agent = 'from crewai import Agent\n\nagent = Agent(role="r", goal="g", backstory="b")\n'
    files = {"main.py": main, "crew.py": agent, "pyproject.toml": PINNED_0}
    root = project(tmp_path, files)
    args = ["apply", str(root), "--provider", "deepseek", "--yes", "--allow-dirty"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.stderr
    read = f"{root / 'main.py'}:6"
    assert done.stderr.splitlines()[-1] == (
        "Next: export DEEPSEEK_API_KEY=<your DeepSeek key> (the OpenAI key does not work "
        f"there). {placeholder_step('DeepSeek', read)} "
        "DEEPSEEK_BASE_URL overrides the base URL https://api.deepseek.com (a proxy, a "
        "region, a test server). litellm's deepseek/ route reads DEEPSEEK_API_KEY and "
        "DEEPSEEK_API_BASE (not DEEPSEEK_BASE_URL) where a call passes no api_key or api_base: "
        "export DEEPSEEK_API_BASE=https://api.deepseek.com too."
    )


ROUTED = (
    "from crewai import Agent, LLM\n"
    "\n"
    'llm = LLM(model="deepseek/deepseek-v4-pro")\n'
    'agent = Agent(role="r", goal="g", backstory="b", llm="deepseek/deepseek-flash")\n'
)


def without_extra(shown: str, files: str = "pyproject.toml") -> str:
    verb = "requires" if "," not in files else "require"
    return (
        f"{shown} through litellm's deepseek route (the project pins crewai below 1.12.1), "
        "which crewai 1.0.0 and later load only with the crewai[litellm] extra, and "
        f"{files} {verb} crewai without it: the program fails at import (ImportError: "
        "Fallback to LiteLLM is not available); add the litellm extra to crewai there "
        "(crewai[litellm], beside any other extra)"
    )


def check_exit(root: Path, *more: str) -> int:
    args = ["check", str(root), "--provider", "deepseek", "--no-cache", *more]
    return CliRunner().invoke(app, args).exit_code


def test_a_routed_model_crewai_1_cannot_load_without_the_litellm_extra_keeps_check_red(
    tmp_path,
):
    """t43f write_a_book_with_flows: `crewai[tools]>=0.152.0` locked at 1.6.1; apply wrote
    `LLM(model="deepseek/deepseek-v4-pro")` and check passed, but crewAI failed at import
    ("Fallback to LiteLLM is not available")."""
    files = {"crew.py": ROUTED, "pyproject.toml": RANGE, "uv.lock": UV_LOCK.format("1.6.1")}
    root = project(tmp_path, files)
    assert found(root) == [
        (
            "crew.py",
            3,
            "ML690",
            "warning",
            without_extra("LLM() sends 'deepseek/deepseek-v4-pro'"),
        ),
        (
            "crew.py",
            4,
            "ML690",
            "warning",
            without_extra("Agent(llm=...) sends 'deepseek/deepseek-flash'"),
        ),
    ]
    assert check_exit(root) == 1
    assert applied(root) == {"crew.py": ROUTED}  # manual: nothing written
    result = scan(ScanOptions(paths=(root,), provider="deepseek", cwd=root, jobs=1))
    assert result.findings[0].data == {
        "model_from": "deepseek/deepseek-v4-pro",
        "litellm_route": "deepseek",
        "requirement_files": ["pyproject.toml"],
        "requires": "crewai[litellm]",
    }
    # the extra, or litellm itself, required (or locked): green
    for pyproject, lock in [
        (RANGE.replace("crewai[tools]", "crewai[tools, LiteLLM]"), UV_LOCK.format("1.6.1")),
        (RANGE.replace('"]', '", "litellm>=1.74"]'), UV_LOCK.format("1.6.1")),
        (RANGE, UV_LOCK.format("1.6.1") + '\n[[package]]\nname = "litellm"\nversion = "1.80.0"\n'),
    ]:
        (root / "pyproject.toml").write_text(pyproject)
        (root / "uv.lock").write_text(lock)
        assert found(root) == []
        assert check_exit(root) == 0
    # no pin or lock tells the version, or it is 0.x (litellm a dependency): nothing new
    (root / "pyproject.toml").write_text(RANGE)
    (root / "uv.lock").unlink()
    assert check_exit(root) == 0
    (root / "uv.lock").write_text(UV_LOCK.format("0.152.0"))
    assert check_exit(root) == 0


def test_a_requirements_file_pinning_crewai_1_is_named(tmp_path):
    """A pin alone tells (no lock read); each file requiring crewai without the extra is named;
    a later crewai (1.12.1 on) has its own DeepSeek route: nothing new."""
    files = {"crew.py": ROUTED, "requirements.txt": "crewai[tools]==1.6.1\n"}
    root = project(tmp_path, files)
    assert [f[4] for f in found(root)][:1] == [
        without_extra("LLM() sends 'deepseek/deepseek-v4-pro'", "requirements.txt")
    ]
    (root / "requirements-dev.txt").write_text("crewai>=1.0,<1.12\n")
    assert [f[4] for f in found(root)][:1] == [
        without_extra(
            "LLM() sends 'deepseek/deepseek-v4-pro'", "requirements-dev.txt, requirements.txt"
        )
    ]
    (root / "requirements-dev.txt").unlink()
    (root / "requirements.txt").write_text("crewai==1.13.0\n")
    assert found(root) == []
    assert check_exit(root) == 0


def test_a_dotenv_model_crewai_1_cannot_load_without_the_litellm_extra(tmp_path):
    files = {
        "crew.py": "from crewai import Agent\n",
        "pyproject.toml": RANGE,
        "uv.lock": UV_LOCK.format("1.6.1"),
        ".env": "MODEL=deepseek/deepseek-v4-pro\n",
    }
    root = project(tmp_path, files)
    message = without_extra("crewAI sends deepseek/deepseek-v4-pro")
    assert found(root) == [(".env", 1, "ML503", "warning", message)]
    assert check_exit(root, "--no-gitignore") == 1
    (root / "pyproject.toml").write_text(RANGE.replace("[tools]", "[tools,litellm]"))
    assert check_exit(root, "--no-gitignore") == 0


def test_apply_writes_the_route_and_check_then_says_to_add_the_extra(tmp_path):
    """What apply writes in such a project is what the warning then reports; a second apply
    changes nothing."""
    crew = 'from crewai import LLM\n\nllm = LLM(model="gpt-4o")\n'
    files = {"crew.py": crew, "pyproject.toml": RANGE, "uv.lock": UV_LOCK.format("1.6.1")}
    root = project(tmp_path, files)
    args = ["apply", str(root), "--provider", "deepseek", "--yes", "--allow-dirty"]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (root / "crew.py").read_text() == crew.replace("gpt-4o", "deepseek/deepseek-v4-pro")
    assert [f[2:4] for f in found(root)] == [("ML690", "warning")]
    assert check_exit(root) == 1
    assert applied(root) == {"crew.py": crew.replace("gpt-4o", "deepseek/deepseek-v4-pro")}


def test_the_requirement_facts_of_crewai_and_litellm():
    def bits(text: str, kind: str = "requirements") -> int:
        alone, litellm = run_facts.REQUIRES_CREWAI_ALONE, run_facts.REQUIRES_LITELLM
        return facts_of(kind, text.encode(), True, False, None) & (alone | litellm)

    assert bits("crewai\n") == run_facts.REQUIRES_CREWAI_ALONE
    assert bits("crewai[tools]>=1.0\n") == run_facts.REQUIRES_CREWAI_ALONE
    assert bits("crewai[litellm,tools]\n") == run_facts.REQUIRES_LITELLM
    assert bits("litellm==1.80\n") == run_facts.REQUIRES_LITELLM
    poetry = '[tool.poetry.dependencies]\ncrewai = {version = "1.6.1", extras = ["%s"]}\n'
    assert bits(poetry % "tools", "toml") == run_facts.REQUIRES_CREWAI_ALONE
    assert bits(poetry % "litellm", "toml") == run_facts.REQUIRES_LITELLM
    named = RunFacts.of_bits(run_facts.REQUIRES_LITELLM, crewai_litellm_missing_in=["a"])
    assert named.crewai_litellm_missing_in == frozenset()
    assert RunFacts.of_bits(0, crewai_litellm_missing_in=["a"]).crewai_litellm_missing_in == {"a"}
