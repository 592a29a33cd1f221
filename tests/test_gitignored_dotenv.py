"""A gitignored `.env` that python-dotenv finds for a scanned module (`load_dotenv()` given no
path) is scanned as a gitignored config file the module names is: babyagi's `.env` held the
OpenAI model, key and base URL the program sent while `check` passed (s65's final trial)."""

from __future__ import annotations

import json

import pytest

from migrate_llm.gitignored import readers

from .cli_findings import cli as invoke
from .cli_findings import git_project, write

KEY = "sk-proj-" + "kVakgKPQ58tBFr5o5FRHVlUPrEqMiWiYx1rpq6h7sA91M2fl"
ENV = f"LLM_MODEL=gpt-3.5-turbo\nOPENAI_API_KEY={KEY}\nOPENAI_API_BASE=https://api.openai.com/v1\n"
# a program already on DeepSeek but for the settings its `.env` gives it
APP = """\
import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI(api_key=os.environ["DEEPSEEK_API_KEY"], base_url="https://api.deepseek.com")
reply = client.chat.completions.create(
    model="deepseek-v4-pro", messages=[{"role": "user", "content": os.environ["LLM_MODEL"]}]
)
"""
HEADING = (
    "Ignored by .gitignore, so not migrated, but naming OpenAI (the settings your program "
    "reads? name the file, or pass --no-gitignore):"
)


def read(reader: str) -> str:
    return f"in a gitignored file that {reader} reads"


def named(path: str = ".env") -> str:
    return f"apply makes this edit only when the file is named, `apply {path}`"


def lines(reader: str, path: str = ".env") -> list[str]:
    """`check`'s lines on ENV read by `reader`, at `path`."""
    where = f"({read(reader)}: {named(path)})"
    return [
        f"{path}:1:11 ML503 gpt-3.5-turbo is an OpenAI model; it maps to deepseek-flash on "
        f"DeepSeek {where}",
        f"{path}:2:1 ML501 OPENAI_API_KEY is OpenAI's key variable; DeepSeek reads "
        "DEEPSEEK_API_KEY (apply adds `# DEEPSEEK_API_KEY=` for you to fill in; the OpenAI key "
        f"is never copied) {where}",
        f"{path}:3:1 ML501 OPENAI_API_BASE is OpenAI's base-URL variable; DeepSeek reads "
        f"DEEPSEEK_BASE_URL (default https://api.deepseek.com) {where}",
        f"{path}:3:17 ML502 https://api.openai.com/v1 is OpenAI's endpoint; use DeepSeek's "
        f"base URL https://api.deepseek.com instead {where}",
    ]


@pytest.fixture
def babyagi(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return git_project(tmp_path, {".gitignore": ".env\n", ".env": ENV, "app.py": APP})


def test_check_fails_on_the_openai_settings_of_the_env_load_dotenv_finds(babyagi):
    for _ in range(2):  # the second run from the result cache
        checked = invoke("check", ".", "-p", "deepseek")
        assert checked.exit_code == 1
        assert checked.stdout.splitlines() == [
            *lines("app.py:6"),
            "4 findings for deepseek in 1 of 2 files; 1 error, 3 warning, 0 note",
        ]
        assert KEY not in checked.output
    # in CI, where the file is absent, nothing changes
    (babyagi / ".env").unlink()
    checked = invoke("check", ".", "-p", "deepseek")
    assert (checked.exit_code, checked.stdout) == (0, "0 findings for deepseek in 0 of 1 file\n")


def test_scan_says_what_apply_leaves_and_apply_leaves_the_env_as_it_is(babyagi):
    scanned = invoke("scan", ".", "-p", "deepseek", "-f", "json")
    assert scanned.exit_code == 0
    report = json.loads(scanned.stdout)
    assert (report["files"], report["ignored"]) == (2, [])
    read_by = {"gitignored": True, "read_by": "app.py:6"}
    assert [
        (f["line"], f["column"], f["rule"], f["severity"], f["fix"], f["data"])
        for f in report["findings"]
        if f["path"] == ".env"
    ] == [
        (1, 11, "ML503", "warning", "manual",
         {"model_from": "gpt-3.5-turbo", "model_to": "deepseek-flash", **read_by}),
        (2, 1, "ML501", "warning", "manual",
         {"variable_from": "OPENAI_API_KEY", "variable_to": "DEEPSEEK_API_KEY", **read_by}),
        (3, 1, "ML501", "warning", "manual",
         {"variable_from": "OPENAI_API_BASE", "variable_to": "DEEPSEEK_BASE_URL", **read_by}),
        (3, 17, "ML502", "error", "manual",
         {"url_from": "https://api.openai.com/v1", "variable": "OPENAI_API_BASE",
          "url_to": "https://api.deepseek.com", **read_by}),
    ]  # fmt: skip
    assert KEY not in scanned.output
    before = (babyagi / ".env").read_bytes()
    assert invoke("apply", ".", "-p", "deepseek", "--diff").stdout == ""
    applied = invoke("apply", ".", "-p", "deepseek", "--yes")
    assert applied.exit_code == 0 and KEY not in applied.output
    assert (babyagi / ".env").read_bytes() == before


def test_a_module_below_finds_the_env_of_a_directory_above(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = {".gitignore": ".env\n", ".env": ENV, "pkg/agent/app.py": APP}
    git_project(tmp_path, files)
    checked = invoke("check", ".", "-p", "deepseek")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[:4] == lines("pkg/agent/app.py:6")
    # python-dotenv stops at the first `.env` up from the module: this one hides the other
    write(tmp_path, {"pkg/.env": "DEBUG=1\n"})
    checked = invoke("check", ".", "-p", "deepseek")
    assert (checked.exit_code, checked.stdout.splitlines()) == (
        0,
        [HEADING, "  .env", "0 findings for deepseek in 0 of 1 file"],
    )


def test_an_env_above_the_scanned_directory_is_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git_project(tmp_path, {".gitignore": ".env\n", ".env": ENV, "agent/app.py": APP})
    checked = invoke("check", "agent", "-p", "deepseek", "-f", "json")
    report = json.loads(checked.stdout)
    assert (checked.exit_code, report["findings"], report["ignored"]) == (0, [], [])


def test_a_named_env_file_is_read_as_before_and_the_env_is_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = APP.replace("load_dotenv()", 'load_dotenv("other.env")')
    files = {".gitignore": ".env\nother.env\n", ".env": ENV, "other.env": ENV, "app.py": app}
    git_project(tmp_path, files)
    checked = invoke("check", ".", "-p", "deepseek")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines() == [
        *lines("app.py:6", "other.env"),
        HEADING,
        "  .env",
        "4 findings for deepseek in 1 of 2 files; 1 error, 3 warning, 0 note",
    ]


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("from dotenv import load_dotenv\n\nload_dotenv()", 3),
        ("from dotenv import load_dotenv\n\nload_dotenv(override=True, verbose=True)", 3),
        ("from dotenv import load_dotenv\n\nload_dotenv(None)", 3),
        ("from dotenv import find_dotenv, load_dotenv\n\nload_dotenv(find_dotenv())", 3),
        ("from dotenv import find_dotenv, load_dotenv\nload_dotenv(find_dotenv('.env'))", 2),
        (
            "from dotenv import find_dotenv, load_dotenv\n"
            "load_dotenv(dotenv_path=find_dotenv(usecwd=False), override=True)",
            2,
        ),
        ("from dotenv import dotenv_values\n\nconfig = dotenv_values()", 3),
        ("from dotenv import load_dotenv as load_env\n\nload_env()", 3),
        ("from dotenv import *\n\nload_dotenv()", 3),
        ("from dotenv.main import load_dotenv\n\nload_dotenv()", 3),
        ("import dotenv\n\ndotenv.load_dotenv()", 3),
        ("import dotenv as de\n\nsettings = de.dotenv_values(de.find_dotenv())", 3),
        ("import dotenv.main\n\ndotenv.main.load_dotenv()", 3),
        ("import dotenv\n\ndef main():\n    dotenv.load_dotenv()", 4),
        (
            "from dotenv import find_dotenv, load_dotenv\n\n"
            "env_path = find_dotenv()\nload_dotenv(env_path)",
            4,
        ),
        (
            "from dotenv import (\n    find_dotenv,\n    load_dotenv as load_env,\n)\n\n"
            "load_env(\n    find_dotenv(),\n    override=True,\n)",
            6,
        ),
        ("import dotenv.main as dm\n\nsettings = dm.dotenv_values()", 3),
        (
            "import dotenv\n\n\nclass App:\n    def run(self):\n"
            "        if self:\n            dotenv.load_dotenv()",
            7,
        ),
    ],
)
def test_the_calls_reading_the_env_python_dotenv_finds(tmp_path, code, line):
    env, module = tmp_path / ".env", tmp_path / "pkg/app.py"
    write(tmp_path, {".env": ENV, "pkg/app.py": code + "\n"})
    assert readers([str(env)], [str(module)], [str(tmp_path)]) == {str(env): (str(module), line)}


@pytest.mark.parametrize(
    "code",
    [
        "from dotenv import load_dotenv\n\n# load_dotenv()",
        "from dotenv import load_dotenv\n\nload_dotenv(path)",
        "from dotenv import load_dotenv\n\nload_dotenv(**options)",
        "import io\nfrom dotenv import load_dotenv\n\nload_dotenv(stream=io.StringIO(text))",
        "from dotenv import find_dotenv, load_dotenv\n\nload_dotenv(find_dotenv(usecwd=True))",
        "from dotenv import find_dotenv, load_dotenv\n\nload_dotenv(find_dotenv('.env.local'))",
        "from dotenv import find_dotenv\n\npath = find_dotenv()",  # found, never loaded
        "def load_dotenv():\n    pass\n\nload_dotenv()  # not python-dotenv's",
        "from settings import load_dotenv\n\nload_dotenv()",
        "import dotenv\n\ndotenv.set_key('.envrc', 'A', 'b')",
    ],
)
def test_what_does_not_read_the_env_python_dotenv_finds(tmp_path, code):
    env, module = tmp_path / ".env", tmp_path / "app.py"
    write(tmp_path, {".env": ENV, "app.py": code + "\n"})
    assert readers([str(env)], [str(module)], [str(tmp_path)]) == {}


def test_a_module_loading_the_env_is_its_reader_before_one_naming_it(tmp_path):
    """A module only copying the example to `.env` names it; the one loading it reads it."""
    env = tmp_path / ".env"
    copies = "import shutil\n\nshutil.copy('.env.example', '.env')\n"
    loads = "from dotenv import load_dotenv\n\nload_dotenv()\n"
    write(tmp_path, {".env": ENV, "a_setup.py": copies, "b_app.py": loads})
    modules = [str(tmp_path / "a_setup.py"), str(tmp_path / "b_app.py")]
    assert readers([str(env)], modules, [str(tmp_path)]) == {str(env): (modules[1], 3)}
