"""A key or model in a settings dict given to a class named like OpenAI that no table knows
stays OpenAI's, as one given to it by keyword does (t56e D1: vanna's README class, `class
MyVanna(ChromaDB_VectorStore, OpenAI_Chat)` given `config={"api_key": ..., "model": ...}`,
had its read renamed to MOONSHOT_API_KEY and its model mapped; the library builds
`OpenAI(api_key=config["api_key"])` at OpenAI's URL, so the Moonshot key went to OpenAI and
check passed). Our stand-in library here: `sqlkit`, outside the project."""

from __future__ import annotations

import runpy
import sys

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json

PROGRAM = """import os

from sqlkit.chat import OpenAI_Chat
from sqlkit.store import Store


class MyKit(Store, OpenAI_Chat):
    pass


kit = MyKit(config={"api_key": os.environ.get("OPENAI_API_KEY"), "model": "gpt-4o"})
"""
KEY_LEFT = (
    "reads OPENAI_API_KEY, which goes in the settings given as config= to MyKit() on line 11, "
    "a class of the project deriving from OpenAI_Chat, which is named like OpenAI and not "
    "rewritten by migrate-llm: if it talks to OpenAI, Moonshot AI (Kimi)'s key "
    "(MOONSHOT_API_KEY) would go there; point it at Moonshot AI (Kimi) (its base URL and key) "
    "and read MOONSHOT_API_KEY, or keep it on OpenAI, by hand"
)
MODEL_LEFT = (
    "config['model']='gpt-4o' goes to MyKit(), which is not an OpenAI SDK call, so apply leaves "
    "it; if it talks to Moonshot AI (Kimi), use a Moonshot AI (Kimi) model there (the model "
    "table says 'kimi-k2.6')"
)
# the library the program imports, in our words: it builds its own client from the dict
CHAT = """import openai


class OpenAI_Chat:
    def __init__(self, config=None):
        self.client = openai.OpenAI(api_key=config["api_key"])
        self.model = config.get("model", "gpt-4o-mini")
"""
STORE = """class Store:
    def __init__(self, config=None):
        self.path = (config or {}).get("path", ":memory:")
        super().__init__(config=config)
"""


def _cli(*args: str):
    return CliRunner().invoke(app, [*args, "--provider", "moonshot"])


def _findings(*args: str) -> list[tuple[int, int, str, str, str, str]]:
    code, report = run_json("scan", *args, "--provider", "moonshot")
    assert code == 0, report
    return finding_rows(report, "line", "column", "rule", "severity", "fix", "message")


def _project(tmp_path, text: str):
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(text, encoding="utf-8")
    return project


def test_a_key_and_model_in_the_settings_of_a_subclass_stay_openais(tmp_path, monkeypatch):
    project = _project(tmp_path, PROGRAM)
    monkeypatch.chdir(project)
    assert _findings(".") == [
        (11, 32, "ML401", "warning", "manual", KEY_LEFT),
        (11, 75, "ML206", "warning", "manual", MODEL_LEFT),
    ]
    done = _cli("apply", ".", "--yes")
    assert done.exit_code == 0, done.output
    assert (project / "app.py").read_text(encoding="utf-8") == PROGRAM
    checked = _cli("check", ".")
    assert checked.exit_code == 1
    assert "app.py:11:32 ML401" in checked.stdout and "app.py:11:75 ML206" in checked.stdout


@pytest.mark.parametrize(
    ("text", "key", "model"),
    [
        # the class itself, the dict written in the call
        (
            'import os\n\nfrom sqlkit.chat import OpenAI_Chat\n\nkit = OpenAI_Chat(config={"api_'
            'key": os.getenv("OPENAI_API_KEY"), "model": "gpt-4o"})\n',
            (5, 38, "config= to OpenAI_Chat() on line 5, named like OpenAI"),
            (5, 76, "config['model']='gpt-4o' goes to OpenAI_Chat()"),
        ),
        # a name bound to the dict at the module's top
        (
            'import os\n\nfrom sqlkit.chat import OpenAI_Chat\n\nCONFIG = {"api_key": os.getenv('
            '"OPENAI_API_KEY"), "model": "gpt-4o"}\nkit = OpenAI_Chat(config=CONFIG)\n',
            (5, 22, "config= to OpenAI_Chat() on line 6, named like OpenAI"),
            (5, 60, "config['model']='gpt-4o' goes to OpenAI_Chat()"),
        ),
        # dict(...), given by position to a subclass built in a function
        (
            "import os\n\nfrom sqlkit.chat import OpenAI_Chat\n\n\nclass Kit(OpenAI_Chat):\n"
            '    pass\n\n\ndef make():\n    return Kit(dict(api_key=os.environ["OPENAI_API_KEY"],'
            ' model="gpt-4o"))\n',
            (11, 29, "argument 1 to Kit() on line 11, a class of the project deriving from"),
            (11, 65, "model='gpt-4o' goes to Kit()"),
        ),
        # the key written into the dict after it is bound
        (
            'import os\n\nfrom sqlkit.chat import OpenAI_Chat\n\ncfg = {"model": "gpt-4o"}\n'
            'cfg["api_key"] = os.getenv("OPENAI_API_KEY")\nkit = OpenAI_Chat(config=cfg)\n',
            (6, 18, "config= to OpenAI_Chat() on line 7, named like OpenAI"),
            (5, 17, "config['model']='gpt-4o' goes to OpenAI_Chat()"),
        ),
    ],
)
def test_each_form_of_such_settings_is_left_as_written(tmp_path, monkeypatch, text, key, model):
    project = _project(tmp_path, text)
    monkeypatch.chdir(project)
    found = {
        (line, column, rule, fix): message for line, column, rule, _, fix, message in _findings(".")
    }
    assert set(found) == {(*key[:2], "ML401", "manual"), (*model[:2], "ML206", "manual")}
    assert key[2] in found[(*key[:2], "ML401", "manual")]
    assert found[(*model[:2], "ML206", "manual")].startswith(model[2])
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == text
    assert _cli("check", ".").exit_code == 1


def test_a_subclass_given_the_key_by_keyword_keeps_it(tmp_path, monkeypatch):
    text = (
        "import os\n\nfrom sqlkit.llm import OpenAILlm\n\n\nclass MyLlm(OpenAILlm):\n    pass\n\n\n"
        'llm = MyLlm(api_key=os.getenv("OPENAI_API_KEY"))\n'
    )
    project = _project(tmp_path, text)
    monkeypatch.chdir(project)
    assert _findings(".") == [
        (
            10,
            21,
            "ML401",
            "warning",
            "manual",
            "reads OPENAI_API_KEY, which goes to MyLlm() on line 10, a class of the project "
            "deriving from OpenAILlm, which is named like OpenAI and not rewritten by "
            "migrate-llm: if it talks to OpenAI, Moonshot AI (Kimi)'s key (MOONSHOT_API_KEY) "
            "would go there; point it at Moonshot AI (Kimi) (its base URL and key) and read "
            "MOONSHOT_API_KEY, or keep it on OpenAI, by hand",
        )
    ]


def test_the_providers_key_in_such_settings_is_an_error(tmp_path, monkeypatch):
    text = PROGRAM.replace("OPENAI_API_KEY", "MOONSHOT_API_KEY").replace("gpt-4o", "kimi-k2.6")
    project = _project(tmp_path, text)
    monkeypatch.chdir(project)
    assert _findings(".") == [
        (
            11,
            32,
            "ML401",
            "error",
            "manual",
            "reads MOONSHOT_API_KEY, which goes in the settings given as config= to MyKit() on "
            "line 11, a class of the project deriving from OpenAI_Chat, which is named like OpenAI "
            "and not rewritten by migrate-llm, given no base URL: it talks to OpenAI, so Moonshot "
            "AI (Kimi)'s key goes there; give it Moonshot AI (Kimi)'s base URL (the setting it "
            "takes for one), or keep it on OpenAI with OpenAI's key, by hand",
        )
    ]
    assert _cli("check", ".").exit_code == 1
    # a base URL in the settings says where the class goes: nothing shows it is OpenAI
    pointed = text.replace('"model"', '"base_url": "https://api.moonshot.cn/v1", "model"')
    (project / "app.py").write_text(pointed, encoding="utf-8")
    assert _findings(".") == []


def test_a_key_given_to_another_library_with_no_url_is_left(tmp_path, monkeypatch):
    # a class not named like OpenAI is not judged here, but a library no table knows given a
    # key by its name and no base URL is (s65, `unmoved_settings`): its default URL is unknown
    text = (
        'import os\n\nfrom sqlkit.store import Store\n\nkit = Store(config={"api_key": '
        'os.getenv("OPENAI_API_KEY")})\n'
    )
    project = _project(tmp_path, text)
    monkeypatch.chdir(project)
    assert [(rule, fix) for _, _, rule, _, fix, _ in _findings(".")] == [("ML401", "manual")]
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "text",
    [
        # a class of the module not deriving from one
        "import os\n\nfrom sqlkit.store import Store\n\n\nclass Kit(Store):\n    pass\n\n\n"
        'kit = Kit(config={"api_key": os.getenv("OPENAI_API_KEY")})\n',
    ],
)
def test_settings_given_to_other_classes_are_switched(tmp_path, monkeypatch, text):
    project = _project(tmp_path, text)
    monkeypatch.chdir(project)
    assert [(rule, fix) for _, _, rule, _, fix, _ in _findings(".")] == [("ML401", "safe")]
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == text.replace(
        "OPENAI_API_KEY", "MOONSHOT_API_KEY"
    )


def test_the_providers_key_never_reaches_the_librarys_openai_client(tmp_path, monkeypatch):
    """In process: the stand-in library builds its client from the dict, with OpenAI's URL;
    after apply, the program still hands it OpenAI's key, never the provider's."""
    library = tmp_path / "site"
    (library / "sqlkit").mkdir(parents=True)
    (library / "sqlkit" / "__init__.py").write_text("", encoding="utf-8")
    (library / "sqlkit" / "chat.py").write_text(CHAT, encoding="utf-8")
    (library / "sqlkit" / "store.py").write_text(STORE, encoding="utf-8")
    project = _project(tmp_path, PROGRAM)
    monkeypatch.chdir(project)
    assert _cli("apply", ".", "--yes").exit_code == 0
    for name in ("OPENAI_BASE_URL", "MOONSHOT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "openai-test-key")
    monkeypatch.setenv("MOONSHOT_API_KEY", "moonshot-test-key")
    monkeypatch.syspath_prepend(str(library))
    monkeypatch.delitem(sys.modules, "sqlkit", raising=False)
    kit = runpy.run_path(str(project / "app.py"))["kit"]
    assert str(kit.client.base_url) == "https://api.openai.com/v1/"
    assert kit.client.api_key == "openai-test-key"
    assert kit.model == "gpt-4o"
    for name in ("sqlkit", "sqlkit.chat", "sqlkit.store"):
        monkeypatch.delitem(sys.modules, name, raising=False)


def test_an_example_env_file_keeps_openais_key_for_such_a_subclass(tmp_path, monkeypatch):
    # the screening's byte test finds the class by its base (`class MyKit(Store, OpenAI_Chat)`:
    # no call of a name holding OpenAI), and ML401's judgment confirms it
    project = _project(tmp_path, PROGRAM)
    (project / ".env.example").write_text("OPENAI_API_KEY=\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / ".env.example").read_text(encoding="utf-8") == (
        "OPENAI_API_KEY=\n# OPENAI_API_KEY stays for code that still sends it to OpenAI; "
        "migrate-llm check names it\nMOONSHOT_API_KEY=\n"
    )


CHAINED = """import os

from sqlkit.chat import OpenAI_Chat
from sqlkit.store import Store


class Base(Store, OpenAI_Chat):
    pass


class MyKit(Base):
    pass


kit = MyKit(config={"api_key": os.environ["OPENAI_API_KEY"], "model": "gpt-4o"})
"""
# the subclass in another module of the project, imported by name
DEFINED = """from sqlkit.chat import OpenAI_Chat
from sqlkit.store import Store


class MyKit(Store, OpenAI_Chat):
    pass
"""
IMPORTING = """import os

from mykit import MyKit

kit = MyKit(config={"api_key": os.environ["OPENAI_API_KEY"], "model": "gpt-4o"})
"""


def _left(line: int, key: int, model: int) -> list[tuple[int, int, str, str, str, str]]:
    """The two findings of a settings dict left with OpenAI, on `line`."""
    return [
        (line, key, "ML401", "warning", "manual", KEY_LEFT.replace("line 11", f"line {line}")),
        (line, model, "ML206", "warning", "manual", MODEL_LEFT),
    ]


def test_a_subclass_two_levels_down_keeps_the_settings(tmp_path, monkeypatch):
    # before: one level of bases only, so the key was renamed (ML401 safe) and the model
    # mapped (ML204): the provider's key went to api.openai.com, and check was green
    project = _project(tmp_path, CHAINED)
    (project / ".env.example").write_text("OPENAI_API_KEY=\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert _findings("app.py") == _left(15, 32, 71)
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == CHAINED
    assert (project / ".env.example").read_text(encoding="utf-8") == (
        "OPENAI_API_KEY=\n# OPENAI_API_KEY stays for code that still sends it to OpenAI; "
        "migrate-llm check names it\nMOONSHOT_API_KEY=\n"
    )
    assert _cli("check", ".").exit_code == 1


def test_a_subclass_imported_from_the_project_keeps_the_settings(tmp_path, monkeypatch):
    # before: the key was renamed while the model beside it was left (opposite verdicts)
    project = _project(tmp_path, IMPORTING)
    (project / "mykit.py").write_text(DEFINED, encoding="utf-8")
    (project / ".env.example").write_text("OPENAI_API_KEY=\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert _findings("app.py") == _left(5, 32, 71)
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == IMPORTING
    assert (project / "mykit.py").read_text(encoding="utf-8") == DEFINED
    assert (project / ".env.example").read_text(encoding="utf-8") == (
        "OPENAI_API_KEY=\n# OPENAI_API_KEY stays for code that still sends it to OpenAI; "
        "migrate-llm check names it\nMOONSHOT_API_KEY=\n"
    )
    assert _cli("check", ".").exit_code == 1


def test_a_chain_through_a_package_and_a_cycle(tmp_path, monkeypatch):
    # app.py -> pkg/kits.py (relative import) -> pkg/base.py; a cycle of the module's own
    # classes beside it ends (Python would refuse it; the judgment must not loop)
    project = _project(tmp_path, IMPORTING.replace("from mykit", "from pkg.kits"))
    (project / "pkg").mkdir()
    (project / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (project / "pkg" / "kits.py").write_text(
        "from .base import Base\n\n\nclass Loop(Knot):\n    pass\n\n\nclass Knot(Loop):\n"
        "    pass\n\n\nclass MyKit(Loop, Base):\n    pass\n",
        encoding="utf-8",
    )
    (project / "pkg" / "base.py").write_text(DEFINED.replace("MyKit", "Base"), encoding="utf-8")
    monkeypatch.chdir(project)
    assert _findings("app.py") == _left(5, 32, 71)


def test_a_subclass_whose_module_is_not_there_is_the_projects_own(tmp_path, monkeypatch):
    # its code cannot be read: judged as today, the project's own class whose code apply
    # migrates where it is written
    project = _project(tmp_path, IMPORTING.replace("from mykit", "from pkg.mykit"))
    (project / "pkg").mkdir()
    (project / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.chdir(project)
    assert [(rule, fix) for _, _, rule, _, fix, _ in _findings(".")] == [
        ("ML401", "safe"),
        ("ML206", "manual"),
    ]


def test_the_providers_key_given_to_an_imported_subclass_is_an_error(tmp_path, monkeypatch):
    # the module names nothing of OpenAI: the settings dict given to a class is what has it read
    text = IMPORTING.replace("OPENAI_API_KEY", "MOONSHOT_API_KEY").replace("gpt-4o", "kimi-k2.6")
    project = _project(tmp_path, text)
    (project / "mykit.py").write_text(DEFINED, encoding="utf-8")
    monkeypatch.chdir(project)
    assert _findings("app.py") == [
        (
            5,
            32,
            "ML401",
            "error",
            "manual",
            "reads MOONSHOT_API_KEY, which goes in the settings given as config= to MyKit() on "
            "line 5, a class of the project deriving from OpenAI_Chat, which is named like OpenAI "
            "and not rewritten by migrate-llm, given no base URL: it talks to OpenAI, so Moonshot "
            "AI (Kimi)'s key goes there; give it Moonshot AI (Kimi)'s base URL (the setting it "
            "takes for one), or keep it on OpenAI with OpenAI's key, by hand",
        )
    ]
    assert _cli("check", "app.py").exit_code == 1


def test_an_imported_subclass_still_gets_openais_key_after_apply(tmp_path, monkeypatch):
    """In process, the imported subclass's client after apply: OpenAI's URL and key."""
    library = tmp_path / "site"
    (library / "sqlkit").mkdir(parents=True)
    (library / "sqlkit" / "__init__.py").write_text("", encoding="utf-8")
    (library / "sqlkit" / "chat.py").write_text(CHAT, encoding="utf-8")
    (library / "sqlkit" / "store.py").write_text(STORE, encoding="utf-8")
    project = _project(tmp_path, IMPORTING)
    (project / "mykit.py").write_text(DEFINED, encoding="utf-8")
    monkeypatch.chdir(project)
    assert _cli("apply", ".", "--yes").exit_code == 0
    for name in ("OPENAI_BASE_URL", "MOONSHOT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "openai-test-key")
    monkeypatch.setenv("MOONSHOT_API_KEY", "moonshot-test-key")
    monkeypatch.syspath_prepend(str(library))
    monkeypatch.syspath_prepend(str(project))
    for name in ("sqlkit", "sqlkit.chat", "sqlkit.store", "mykit"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    kit = runpy.run_path(str(project / "app.py"))["kit"]
    assert str(kit.client.base_url) == "https://api.openai.com/v1/"
    assert kit.client.api_key == "openai-test-key"
    assert kit.model == "gpt-4o"
    for name in ("sqlkit", "sqlkit.chat", "sqlkit.store", "mykit"):
        monkeypatch.delitem(sys.modules, name, raising=False)


@pytest.mark.parametrize(
    ("app", "files"),
    [
        # re-exported by the package's __init__.py
        (
            IMPORTING.replace("from mykit", "from pkg"),
            {"pkg/__init__.py": "from .kits import MyKit\n", "pkg/kits.py": DEFINED},
        ),
        # called as an attribute of the module
        (
            IMPORTING.replace("from mykit import MyKit", "import mykit").replace(
                "= MyKit(", "= mykit.MyKit("
            ),
            {"mykit.py": DEFINED},
        ),
    ],
)
def test_other_ways_to_reach_an_imported_subclass(tmp_path, monkeypatch, app, files):
    project = _project(tmp_path, app)
    for name, text in files.items():
        (project / name).parent.mkdir(exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    found = _findings("app.py")
    assert [(line, rule, fix) for line, _, rule, _, fix, _ in found] == [
        (5, "ML401", "manual"),
        (5, "ML206", "manual"),
    ]
    assert "a class of the project deriving from OpenAI_Chat" in found[0][5]
    assert _cli("apply", ".", "--yes").exit_code == 0
    assert (project / "app.py").read_text(encoding="utf-8") == app
    assert _cli("check", ".").exit_code == 1
