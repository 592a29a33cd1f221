"""The openai<1 pins and the code apply rewrites to openai>=1 agree (t48b, instagraph):
an `instructor` pin moves with the openai pin in the same run; pins apply cannot move keep
the code from importing, and apply says so and exits 1. Packages openai<1 installed that the
code imports are named. ML301's word on a key line left for the pins matches what apply does
once they move."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.formats.document import ConfigDocument
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.dependency_pin import keeps_openai_0
from migrate_llm.run_facts import (
    IMPORTS_V0_DEPENDENCY,
    KEEPS_OPENAI_V0,
    RunFacts,
    facts_of,
    v0_dependencies,
)

from .cli_findings import cli, run_json

PINS = "openai==0.28.0\ninstructor==0.2.8\n"
MOVED = "openai>=1\ninstructor==0.4.0\n"
# instagraph's app, cut down (t48b repro r3)
APP = """import os
import instructor
import openai
from pydantic import BaseModel

instructor.patch()
openai.api_key = os.getenv("OPENAI_API_KEY")

class M(BaseModel):
    name: str

def ask(text):
    return openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": text}], response_model=M)
"""
APPLIED = """import os
import instructor
import openai
from pydantic import BaseModel

client = openai.OpenAI(
    api_key=os.environ.get("ZAI_API_KEY", "unset"),
    base_url=os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"),
)

instructor.patch(client, mode=instructor.Mode.JSON)

class M(BaseModel):
    name: str

def ask(text):
    return client.chat.completions.create(
        model="glm-4-flash",
        messages=[{"role": "user", "content": text}],
        response_model=M,
    )
"""
OPENAI_MOVED = (
    "openai==0.28.0 pins the pre-1.0 SDK; migrated code needs openai>=1; apply moves "
    "instructor==0.2.8 (line 2) to instructor==0.4.0 with it, the release taking openai>=1"
)
INSTRUCTOR_MOVED = (
    "instructor==0.2.8 works only with openai<1{}; migrated code needs openai>=1: apply moves "
    "it to instructor==0.4.0 together with openai, the first release that takes openai>=1 and "
    "still has the names older ones export; check what the code uses of instructor against it"
)


def migrate(registry, text, name="requirements.txt", provider="acme", facts=None):
    ctx = RuleContext(
        registry, registry.get(provider) if provider else None, facts=facts or RunFacts()
    )
    kind = "toml" if name.endswith(".toml") else "requirements"
    return FileScanner(ctx, Path(".")).migrate_text(text, kind, name, name)


def test_instructor_moves_with_openai_as_one_change(registry):
    change = migrate(registry, PINS)
    assert change.after == MOVED
    assert [(f.rule, f.line, f.fix.value, f.message, f.data) for f in change.findings] == [
        (
            "ML504",
            1,
            "review",
            OPENAI_MOVED,
            {"requirement": "openai==0.28.0", "moved_with": ["instructor==0.2.8"]},
        ),
        (
            "ML504",
            2,
            "review",
            INSTRUCTOR_MOVED.format(" (openai==0.28.0 here)"),
            {
                "framework": "instructor",
                "requirement": "instructor==0.2.8",
                "first_openai_v1": "0.4.0",
                "moved_to": "0.4.0",
            },
        ),
    ]
    assert change.fixed == change.findings  # both edits made
    assert list(migrate(registry, MOVED).findings) == []  # a second run: nothing


def test_poetry_pins_move_in_their_own_syntax(registry):
    # instagraph's pyproject.toml
    text = '[tool.poetry.dependencies]\nopenai = "^0.28.0"\nbs4 = "^0.0.1"\ninstructor = "^0.2.6"\n'
    change = migrate(registry, text, "pyproject.toml")
    assert change.after == (
        '[tool.poetry.dependencies]\nopenai = ">=1"\nbs4 = "^0.0.1"\ninstructor = "==0.4.0"\n'
    )
    assert [(f.line, f.fix.value) for f in change.findings] == [(2, "review"), (4, "review")]


def test_an_instructor_pin_alone_moves_too(registry):
    # instructor 0.2.x requires openai<0.29 itself: the project is on openai<1 through it
    change = migrate(registry, "instructor<0.3\n")
    assert change.after == "instructor==0.4.0\n"
    assert [f.message for f in change.findings] == [
        INSTRUCTOR_MOVED.format("").replace("instructor==0.2.8", "instructor<0.3")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # langchain's first release for openai>=1 is not one apply moves to: nothing moves
        "openai==0.28.0\ninstructor==0.2.8\nlangchain==0.0.184\n",
        # an openai pin apply cannot rewrite holds instructor back too
        "openai==0.28.0 \\\n    --hash=sha256:0123\ninstructor==0.2.8\n",
        "-e git+https://github.com/openai/openai-python.git@v0.28.1#egg=openai\ninstructor==0.2.8\n",
        # nor an instructor line it cannot rewrite
        "openai==0.28.0\ninstructor==0.2.8 --hash=sha256:0123\n",
    ],
)
def test_nothing_moves_where_something_holds_openai_back(registry, text):
    change = migrate(registry, text)
    assert change.after == text
    assert {f.fix.value for f in change.findings} == {"manual"}
    assert "instructor" in " ".join(f.message for f in change.findings)
    doc = ConfigDocument.read("requirements.txt", "requirements", text)
    assert keeps_openai_0(doc) is True
    assert facts_of("requirements", text.encode(), True, True, None) & KEEPS_OPENAI_V0


@pytest.mark.parametrize("text", [PINS, "instructor==0.2.8\n", 'openai<1\n"instructor~=0.2.8"\n'])
def test_pins_apply_moves_keep_nothing_on_openai_0(text):
    doc = ConfigDocument.read("requirements.txt", "requirements", text)
    assert keeps_openai_0(doc) is False
    assert not facts_of("requirements", text.encode(), True, True, None) & KEEPS_OPENAI_V0


def test_scan_without_a_provider_says_review_and_edits_nothing(registry):
    change = migrate(registry, PINS, provider=None)
    assert change.after == PINS
    assert [f.fix.value for f in change.findings] == ["review", "review"]


def _project(tmp_path: Path, requirements: str, app_text: str = APP) -> None:
    (tmp_path / "requirements.txt").write_text(requirements, encoding="utf-8")
    (tmp_path / "app.py").write_text(app_text, encoding="utf-8")


def test_instagraph_code_and_pins_move_together(tmp_path, monkeypatch):
    _project(tmp_path, PINS)
    monkeypatch.chdir(tmp_path)
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APPLIED
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == MOVED
    assert "Needs openai>=1" not in done.stderr
    # openai.api_key goes in the same run (ML301, safe): nothing reads it once the pins move
    assert "openai.api_key" not in (tmp_path / "app.py").read_text(encoding="utf-8")
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0
    again = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert again.exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == APPLIED


LANGCHAIN_PINS = "openai==0.27.6\nlangchain==0.0.184\n"
LEGACY_APP = (
    'import openai\n\n\ndef ask(q):\n    return openai.ChatCompletion.create(model="gpt-4o", '
    'messages=[{"role": "user", "content": q}])\n'
)
HELD = (
    "Needs openai>=1, which the project's requirements keep below 1 (ML504 above says which "
    "pins to move; until they move, this code fails at import):\n  app.py\n"
)


def test_code_rewritten_under_pins_apply_cannot_move_exits_1(tmp_path, monkeypatch):
    _project(tmp_path, LANGCHAIN_PINS, LEGACY_APP)
    monkeypatch.chdir(tmp_path)
    diff = cli("apply", ".", "--provider", "zhipu", "--diff")
    assert diff.exit_code == 1
    assert HELD in diff.stderr
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 1
    assert HELD in done.stderr
    written = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert "client.chat.completions.create(" in written  # written all the same
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == LANGCHAIN_PINS
    # nothing more to rewrite: a second apply exits 0
    assert cli("apply", ".", "--provider", "zhipu", "--yes").exit_code == 0
    # once a person moves the pins, the code imports
    (tmp_path / "requirements.txt").write_text("openai>=1\nlangchain==0.0.340\n")
    assert cli("check", ".", "--provider", "zhipu").exit_code == 0


def test_code_rewritten_where_the_pins_allow_openai_1_exits_0(tmp_path, monkeypatch):
    _project(tmp_path, "openai==0.27.6\n", LEGACY_APP)
    monkeypatch.chdir(tmp_path)
    done = cli("apply", ".", "--provider", "zhipu", "--yes")
    assert done.exit_code == 0
    assert "Needs openai>=1" not in done.stderr
    assert (tmp_path / "requirements.txt").read_text(encoding="utf-8") == "openai>=1\n"


# t50i N3: the module's calls move onto the clients apply builds, which do not read the line
KEY_LINE = (
    "the module's requests go through the clients apply builds, which do not read it; openai<1 "
    "code elsewhere in the program may (a setting of the openai module, for the whole "
    "process); once those pins move, delete it"
)


def _ml301(tmp_path: Path) -> list[str]:
    _, report = run_json("scan", str(tmp_path), "--provider", "zhipu")
    return [f["message"] for f in report["findings"] if f["rule"] == "ML301"]


def test_a_key_line_left_for_the_pins_says_what_apply_will_do_once_they_move(tmp_path):
    key = 'import os\nimport openai\n\nopenai.api_key = os.getenv("OPENAI_API_KEY")\n'
    _project(tmp_path, LANGCHAIN_PINS, key + LEGACY_APP.replace("import openai\n", "", 1))
    (message,) = _ml301(tmp_path)
    assert message.endswith(f"(ML504): {KEY_LINE}")
    # beside openai.api_base, which keeps the module an openai<1 one, apply deletes both
    base = key + 'openai.api_base = "https://api.openai.com/v1"\n'
    _project(tmp_path, LANGCHAIN_PINS, base + LEGACY_APP.replace("import openai\n", "", 1))
    messages = _ml301(tmp_path)
    assert len(messages) == 2
    assert all(m.endswith("once those pins move, apply deletes this line") for m in messages)


REQUESTS = (
    "openai==0.28.0 installed requests, which openai>=1 does not; the project's code imports it "
    "and this file does not list it: apply adds requests>=2.20 (as openai 0.28 required it) "
    "with the raised openai pin, so the code still imports"
)


def test_a_package_only_openai_0_installed_is_added_when_the_code_imports_it(registry):
    facts = RunFacts.of_bits(IMPORTS_V0_DEPENDENCY["requests"])
    change = migrate(registry, "openai==0.28.0\nFlask==2.3.3\n", facts=facts)
    assert change.after == "openai>=1\nrequests>=2.20\nFlask==2.3.3\n"
    assert [(f.line, f.severity.value, f.fix.value, f.message, f.data) for f in change.findings][
        1:
    ] == [
        (
            1,
            "warning",
            "review",
            REQUESTS,
            {
                "requirement": "openai==0.28.0",
                "dropped": ["requests"],
                "added": ["requests>=2.20"],
            },
        )
    ]
    listed = migrate(registry, "openai==0.28.0\nrequests==2.31.0\n", facts=facts)
    assert [f.fix.value for f in listed.findings] == ["safe"]
    # no module imports it, or the openai pin stays: nothing to say
    assert [f.fix.value for f in migrate(registry, "openai==0.28.0\n").findings] == ["safe"]
    held = migrate(registry, "openai==0.28.0\nlangchain==0.0.184\n", facts=facts)
    assert "requests" not in " ".join(f.message for f in held.findings)


@pytest.mark.parametrize(
    ("text", "bits"),
    [
        (b"import requests\n", {"requests"}),
        (b"def f():\n    from aiohttp import ClientSession\n", {"aiohttp"}),
        (b"import requests_oauthlib\n# import requests\nx = 'requests'\n", set()),
    ],
)
def test_which_modules_import_a_package_openai_0_installed(text, bits):
    found = v0_dependencies(text)
    assert {n for n, bit in IMPORTS_V0_DEPENDENCY.items() if found & bit} == bits
