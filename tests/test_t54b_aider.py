"""Trial t54b (aider -> Moonshot): the provider's key line apply adds to a .env is commented out
(an empty one wiped the exported key under aider's `load_dotenv(override=True)`), an OpenAI
key left in a .env of a litellm project is an error where litellm's route falls back to
OPENAI_API_KEY (ML501), aider's model settings are written on litellm's route (ML503), and a
litellm call on the provider's route gets the request checks an SDK call gets (ML115)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write

LITELLM = (
    "import litellm\n\n\n"
    "def ask(q):\n"
    '    return litellm.completion(model="gpt-4o", temperature=0, top_p=0.5, messages=q)\n'
)
FALLBACK = (
    "OPENAI_API_KEY holds an OpenAI key here{added}, and litellm's moonshot/ route sends "
    "OPENAI_API_KEY where MOONSHOT_API_KEY is unset or empty and a call passes no api_key, or "
    "an empty one: the "
    "OpenAI key would go to Moonshot AI (Kimi); remove this line by hand (apply never edits a "
    "key) and set MOONSHOT_API_KEY to your Moonshot AI (Kimi) key"
)
ADDED = (
    " (apply adds `# MOONSHOT_API_KEY=` after it, commented out: an empty line would override "
    "the key the environment sets)"
)


def _run(command: str, provider: str = "moonshot") -> tuple[int, list[tuple]]:
    code, report = run_json(command, ".", "--provider", provider)
    return code, finding_rows(report, "path", "line", "rule", "severity", "fix", "message")


def _apply(provider: str = "moonshot") -> str:
    result = CliRunner().invoke(app, ["apply", ".", "--provider", provider, "--yes"])
    assert result.exit_code == 0, result.stderr
    return result.stdout + result.stderr


def test_a_litellm_projects_env_keeps_its_key_line_and_check_stays_red(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {".env": "OPENAI_API_KEY=sk-proj-abc123\n", "app.py": LITELLM})
    code, found = _run("scan")
    assert [f for f in found if f[0] == ".env"] == [
        (".env", 1, "ML501", "error", "review", FALLBACK.format(added=ADDED))
    ]
    shown = _apply()
    assert (tmp_path / ".env").read_text() == "OPENAI_API_KEY=sk-proj-abc123\n# MOONSHOT_API_KEY=\n"
    assert (
        "Where MOONSHOT_API_KEY is unset or empty it sends OPENAI_API_KEY instead: unset "
        "OPENAI_API_KEY (and remove it from .env files) wherever it runs." in shown
    )
    code, found = _run("check")
    assert (code, found) == (
        1,
        [(".env", 1, "ML501", "error", "manual", FALLBACK.format(added=""))],
    )
    (tmp_path / ".env").write_text("# MOONSHOT_API_KEY=\n", encoding="utf-8")
    assert _run("check") == (0, [])


def test_an_aider_env_is_litellms_without_a_python_module(tmp_path, monkeypatch):
    """A user's project configuring aider: no code, but aider hands AIDER_MODEL to litellm."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {".env": "OPENAI_API_KEY=sk-proj-abc123\nAIDER_MODEL=gpt-4o\n"})
    _apply()
    assert (tmp_path / ".env").read_text() == (
        "OPENAI_API_KEY=sk-proj-abc123\n# MOONSHOT_API_KEY=\nAIDER_MODEL=moonshot/kimi-k2.6\n"
    )
    code, found = _run("check")
    assert (code, [f[1:5] for f in found]) == (1, [(1, "ML501", "error", "manual")])


@pytest.mark.parametrize(
    ("files", "provider"),
    [
        pytest.param({}, "moonshot", id="no-litellm"),
        pytest.param({"app.py": LITELLM}, "deepseek", id="route-without-fallback"),
    ],
)
def test_elsewhere_the_key_line_is_a_note_once_the_placeholder_is_there(
    tmp_path, monkeypatch, files, provider
):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {".env": "OPENAI_API_KEY=sk-proj-abc123\n", **files})
    _apply(provider)
    variable = {"moonshot": "MOONSHOT_API_KEY", "deepseek": "DEEPSEEK_API_KEY"}[provider]
    name = {"moonshot": "Moonshot AI (Kimi)", "deepseek": "DeepSeek"}[provider]
    assert (tmp_path / ".env").read_text() == f"OPENAI_API_KEY=sk-proj-abc123\n# {variable}=\n"
    assert _run("check", provider)[0] == 0
    found = _run("scan", provider)[1]
    assert [f for f in found if f[0] == ".env"] == [
        (
            ".env",
            1,
            "ML501",
            "note",
            "manual",
            f"OPENAI_API_KEY is no longer read after the migration; {name}'s key goes in "
            f"{variable}, which this file names only commented out: set it there, and remove "
            f"this line once {name} works",
        )
    ]


def test_aiders_model_settings_are_written_on_litellms_route(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path,
        {
            ".env": "AIDER_MODEL=gpt-4o\nAIDER_WEAK_MODEL=gpt-4o-mini\nMODEL=gpt-4o\n",
            ".aider.conf.yml": "model: gpt-4o\nweak-model: gpt-4o-mini\nmap-tokens: 1024\n",
            ".aider.model.settings.yml": "- name: gpt-4o\n  weak_model_name: gpt-4o-mini\n",
            "settings.yml": "model: gpt-4o\n",
        },
    )
    _apply()
    # MODEL= and another file's model: their reader is not known to be litellm
    assert (tmp_path / ".env").read_text() == (
        "AIDER_MODEL=moonshot/kimi-k2.6\nAIDER_WEAK_MODEL=moonshot/kimi-k2.6\nMODEL=kimi-k2.6\n"
    )
    assert (tmp_path / ".aider.conf.yml").read_text() == (
        "model: moonshot/kimi-k2.6\nweak-model: moonshot/kimi-k2.6\nmap-tokens: 1024\n"
    )
    assert (tmp_path / ".aider.model.settings.yml").read_text() == (
        "- name: moonshot/kimi-k2.6\n  weak_model_name: moonshot/kimi-k2.6\n"
    )
    assert (tmp_path / "settings.yml").read_text() == "model: kimi-k2.6\n"
    assert _run("check") == (0, [])


def test_a_bare_provider_model_aider_reads_is_an_error_apply_routes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {".aider.conf.yml": "model: kimi-k2.6\n"})
    assert _run("check") == (
        1,
        [
            (
                ".aider.conf.yml",
                1,
                "ML503",
                "error",
                "review",
                'kimi-k2.6 has no provider prefix, so litellm fails on it ("LLM Provider NOT '
                'provided"): aider reads it and hands it to litellm; apply writes '
                "moonshot/kimi-k2.6",
            )
        ],
    )


def test_a_litellm_call_on_the_providers_route_loses_the_sampling_kimi_fixes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"app.py": LITELLM})
    _apply()
    assert (tmp_path / "app.py").read_text() == (
        "import os\n\nimport litellm\n\n\n"
        "def ask(q):\n"
        "    return litellm.completion(\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        '        model="moonshot/kimi-k2.6",\n'
        '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
        '        api_base=os.environ.get("MOONSHOT_BASE_URL", "https://api.moonshot.cn/v1"),\n'
        "        messages=q,\n"
        "    )\n"
    )
    # one written on the route already (t54b probe/temp/b.py): reported, then removed
    written = (
        "import litellm\n\n\n"
        "def ask(q):\n"
        "    return litellm.completion(\n"
        '        extra_body={"thinking": {"type": "disabled"}},\n'
        '        model="moonshot/kimi-k2.6",\n'
        "        temperature=0,\n"
        "        messages=q,\n"
        "    )\n"
    )
    (tmp_path / "app.py").write_text(written, encoding="utf-8")
    code, found = _run("check")
    assert (code, [f[1:5] for f in found if f[2] == "ML115"]) == (
        1,
        [(8, "ML115", "warning", "review")],
    )
    _apply()
    # given no api_key, it also gets the key read never empty (ML645)
    assert (tmp_path / "app.py").read_text() == "import os\n\n" + written.replace(
        "        temperature=0,\n", '        api_key=os.environ["MOONSHOT_API_KEY"] or "unset",\n'
    )


def test_aiders_model_held_by_an_openai_base_url_names_litellms_route(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    conf = "model: gpt-4o\nopenai-api-base: https://api.openai.com/v1\n"
    # a key beside the URL: both left (ML502), and the model with them
    write(tmp_path, {".aider.conf.yml": conf + "openai-api-key: sk-proj-abc123\n"})
    _apply()
    found = [f for f in _run("check")[1] if f[2] == "ML503"]
    assert found == [
        (
            ".aider.conf.yml",
            1,
            "ML503",
            "warning",
            "manual",
            "gpt-4o is an OpenAI model; it maps to moonshot/kimi-k2.6 on Moonshot AI (Kimi), but "
            "the OpenAI base URL beside it stays (see ML502): change it with the base URL and "
            "the key, by hand",
        )
    ]
    # no key there: apply switches the URL and writes the model on the route; check passes
    write(tmp_path, {".aider.conf.yml": conf})
    _apply()
    assert (tmp_path / ".aider.conf.yml").read_text() == (
        "model: moonshot/kimi-k2.6\nopenai-api-base: https://api.moonshot.cn/v1\n"
    )
    assert _run("check") == (0, [])
