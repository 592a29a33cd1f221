"""ML103 in a project whose requirements keep openai<1 after apply (ML504 leaves the pins to a
person: gpt-migrate pins `openai ^0.27.8` beside `langchain ^0.0.238`). openai 0.x reads
`openai.api_base`, not `openai.base_url`: with the key line rewritten alone, a module-level 0.x
request would take the provider's key to api.openai.com. apply writes both base-URL lines, so
the key and the host change together on either SDK.

openai 0.28.1 itself is not installed here: the 0.x line is checked as exact text (no trailing
slash: that SDK joins `/chat/completions` to it as written), the 1.x run end to end.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.rules.dependency_pin import keeps_openai_0
from migrate_llm.run_facts import KEEPS_OPENAI_V0, facts_of

from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

HELD = '[tool.poetry.dependencies]\nopenai = "^0.27.8"\nlangchain = "^0.0.238"\n'
MOVED = '[tool.poetry.dependencies]\nopenai = ">=1"\nlangchain = "^0.0.340"\n'
APP = """import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")


def ask(question):
    messages = [{"role": "user", "content": question}]
    reply = openai.chat.completions.create(model="qwen-plus", messages=messages)
    return reply.choices[0].message.content


if __name__ == "__main__":
    print(ask("ping"))
"""
URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
BASE_URL = (
    "openai.base_url = (\n"
    f'    os.environ.get(\n        "DASHSCOPE_BASE_URL", "{URL}"\n    ).rstrip("/")\n'
    '    + "/"\n)\n'
)
API_BASE = f'openai.api_base = os.environ.get(\n    "DASHSCOPE_BASE_URL", "{URL}"\n).rstrip("/")\n'
KEY = 'openai.api_key = os.getenv("DASHSCOPE_API_KEY", "unset")\n'
OLD_KEY = 'openai.api_key = os.getenv("OPENAI_API_KEY")\n'


@pytest.mark.parametrize(
    ("name", "text", "kept"),
    [
        ("pyproject.toml", HELD, True),
        ("pyproject.toml", MOVED, False),
        # apply raises a plain pin: the project moves to openai>=1
        ("requirements.txt", "openai==0.28.1\n", False),
        ("requirements.txt", "openai<1\nlangchain>=0.0.340\n", False),
        ("requirements.txt", "openai==0.27.6\nlangchain==0.0.184\n", True),
        # a framework release needing openai<1 keeps it, openai listed or not
        ("requirements.txt", "langchain==0.0.200\n", True),
        # only a part of chromadb needs openai<1: apply raises the openai pin
        ("requirements.txt", "openai==0.27.4\nchromadb==0.4.6\n", False),
        # pins ML504 cannot rewrite
        ("requirements.txt", "openai==0.28.1 \\\n    --hash=sha256:0123\n", True),
        (
            "requirements.txt",
            "-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai\n",
            True,
        ),
        (
            "requirements.txt",
            "# openai @ git+https://github.com/openai/openai-python@v0.28.1\n",
            False,
        ),
        # the names as requirements write them: PEP 621, extras, a marker
        ("pyproject.toml", '[project]\ndependencies = ["langchain[openai]==0.0.150"]\n', True),
        (
            "pyproject.toml",
            "[project]\ndependencies = [\"llama_index ==0.8.1; python_version>'3'\"]\n",
            True,
        ),
        # names that only hold one: other projects, module paths, prose
        (
            "pyproject.toml",
            '[project]\ndescription = "llama-index packs for openai"\n'
            'dependencies = ["llama-index-llms-openai<0.2", "llama-index-core==0.9.1"]\n'
            '[tool.llamahub]\nimport_path = "llama_index.packs.x"\n',
            False,
        ),
    ],
)
def test_which_requirements_keep_the_project_on_openai_0(name, text, kept):
    kind = "toml" if name.endswith(".toml") else "requirements"
    assert keeps_openai_0(ConfigDocument.read(name, kind, text)) is kept
    assert bool(facts_of(kind, text.encode(), True, True, None) & KEEPS_OPENAI_V0) is kept


def _project(tmp_path, pins: str, app_text: str = APP) -> None:
    (tmp_path / "pyproject.toml").write_text(pins, encoding="utf-8")
    (tmp_path / "app.py").write_text(app_text, encoding="utf-8")


def _apply(*paths: str):
    done = CliRunner().invoke(app, ["apply", *paths, "--provider", "qwen", "--yes"])
    assert done.exit_code == 0, done.stderr
    return done


def _check_lines(*paths: str) -> tuple[int, list[str]]:
    """check's exit code and the rules of its findings."""
    done = CliRunner().invoke(app, ["check", *paths, "--provider", "qwen"])
    rules = [line.split(" ")[1] for line in done.stdout.splitlines() if " ML" in line]
    return done.exit_code, rules


def test_the_key_line_gets_both_base_url_lines_while_the_pins_stay(tmp_path, monkeypatch):
    _project(tmp_path, HELD)
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", "app.py", "pyproject.toml", "--provider", "qwen"])
    assert (
        "set openai.base_url and openai.api_base beside it from DASHSCOPE_BASE_URL (the module "
        "sets none: the key would go to OpenAI; the project's requirements keep openai<1, which "
        "reads openai.api_base, not openai.base_url, until ML504's pins move)"
    ) in " ".join(scan.stdout.split())
    _apply(".")
    after = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert after == APP.replace(OLD_KEY, KEY + BASE_URL + API_BASE)
    # check stays red on the pins alone; a second apply changes nothing
    code, lines = _check_lines(".")
    assert code == 1
    assert lines == ["ML504", "ML504"]
    _apply(".")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == after


def test_once_the_pins_move_only_the_0x_line_goes(tmp_path, monkeypatch):
    _project(tmp_path, HELD)
    monkeypatch.chdir(tmp_path)
    _apply(".")
    (tmp_path / "pyproject.toml").write_text(MOVED, encoding="utf-8")
    code, lines = _check_lines(".")
    assert code == 1
    assert lines == ["ML301"]  # openai.api_base, line 12
    _apply(".")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP.replace(OLD_KEY, KEY + BASE_URL)
    assert _check_lines(".") == (0, [])


def test_a_base_url_line_gets_the_0x_line_too(tmp_path, monkeypatch):
    # set by the program (`openai.base_url = "https://api.openai.com/v1/"`), or already
    # migrated by an earlier apply that wrote the v1 line alone
    set_by_program = APP.replace(
        OLD_KEY, OLD_KEY + 'openai.base_url = "https://api.openai.com/v1/"\n'
    )
    migrated = APP.replace(OLD_KEY, KEY + BASE_URL)
    for text in (set_by_program, migrated):
        _project(tmp_path, HELD, text)
        monkeypatch.chdir(tmp_path)
        _apply(".")
        assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP.replace(
            OLD_KEY, KEY + BASE_URL + API_BASE
        )
    assert _check_lines("app.py", "pyproject.toml") == (1, ["ML504", "ML504"])


def test_without_the_pins_the_v1_line_alone_is_written(tmp_path, monkeypatch):
    _project(tmp_path, MOVED)
    monkeypatch.chdir(tmp_path)
    _apply(".")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP.replace(OLD_KEY, KEY + BASE_URL)


def test_a_module_importing_what_openai_1_removed_gets_the_0x_line_without_pins(
    tmp_path, monkeypatch
):
    # t44g: `from openai.embeddings_utils import get_embedding` runs on openai<1 only, which
    # ignored the v1 line: the provider's key went to api.openai.com
    uses = "import openai\nfrom openai.embeddings_utils import get_embedding\n"
    _project(tmp_path, MOVED, APP.replace("import openai\n", uses, 1))
    monkeypatch.chdir(tmp_path)
    scan = CliRunner().invoke(app, ["scan", "app.py", "--provider", "qwen"])
    assert (
        "the module imports openai.embeddings_utils, which openai 1.0 removed, so it runs on "
        "openai<1, which reads openai.api_base, not openai.base_url"
    ) in " ".join(scan.stdout.split())
    _apply(".")
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APP.replace(
        "import openai\n", uses, 1
    ).replace(OLD_KEY, KEY + BASE_URL + API_BASE)


def test_the_migrated_module_sends_the_providers_key_to_the_provider_only(tmp_path, monkeypatch):
    # with the pins kept; openai>=1 is what is installed here, reading openai.base_url
    _project(tmp_path, HELD)
    monkeypatch.chdir(tmp_path)
    _apply(".")
    server = LoopbackServer().start()
    try:
        env = {
            "DASHSCOPE_API_KEY": "dk-test",
            "DASHSCOPE_BASE_URL": f"{server.base}/compatible-mode/v1/",
        }
        proc, blocked = run_guarded("app.py", tmp_path, env)
    finally:
        server.stop()
    assert blocked == [], proc.stderr
    assert proc.returncode == 0, proc.stderr
    [request] = server.requests
    assert request.path == "/compatible-mode/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer dk-test"
    assert request.body["model"] == "qwen-plus"
