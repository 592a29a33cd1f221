"""crewAI (ML690, and ML503 in a project that imports crewAI): exact findings and the text
`apply` writes, with the real provider files. crewAI itself is not installed for the tests
(a large package): its routing was checked against crewai 1.15.17 (frameworks/crewai.py)."""

from __future__ import annotations

from pathlib import Path

from migrate_llm.engine import ScanOptions, plan, scan

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


def found(root: Path, provider: str = "deepseek") -> list[tuple[str, int, str, str, str]]:
    result = scan(ScanOptions(paths=(root,), provider=provider, cwd=root, jobs=1))
    return [(f.path, f.line, f.rule, f.severity.value, f.message) for f in result.findings]


def applied(root: Path, provider: str = "deepseek") -> dict[str, str]:
    options = ScanOptions(paths=(root,), provider=provider, cwd=root, jobs=1)
    return {p.change.path: p.change.after for p in plan(options).planned}


AGENT_DEFAULT = (
    "Agent() is given no llm: it runs crewAI's default model (MODEL, MODEL_NAME or "
    "OPENAI_MODEL_NAME, else gpt-4.1-mini) at OpenAI, and no .env of the project sets it; "
    'set MODEL=deepseek/deepseek-flash in the .env or pass llm="deepseek/deepseek-flash" '
    "(crewAI's deepseek route)"
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
            "(crewAI's deepseek route) for DeepSeek",
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
            "crewAI reads as deepseek/deepseek-flash (crewAI's deepseek route)",
        ),
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "LLM() sends 'gpt-4o' to OpenAI; apply writes 'deepseek/deepseek-v4-pro' "
            "(crewAI's deepseek route) for DeepSeek",
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
            "there; apply writes deepseek/deepseek-flash (crewAI's deepseek route)",
        ),
        (
            "crew.py",
            3,
            "ML690",
            "error",
            "Agent(llm=...) sends 'deepseek-v4-pro' to OpenAI: crewAI routes a model without a "
            "provider prefix there; apply writes 'deepseek/deepseek-v4-pro' (crewAI's deepseek "
            "route) for DeepSeek",
        ),
    ]
    after = applied(root)
    assert after[".env"] == "MODEL=deepseek/deepseek-flash\n"
    assert 'llm="deepseek/deepseek-v4-pro")' in after["crew.py"]


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
