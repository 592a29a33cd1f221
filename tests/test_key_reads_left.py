"""Reads of OPENAI_API_KEY that ML401 leaves although it renames such reads elsewhere: the
module also sets the variable under a name computed at run time (renamed, the read would miss
that write), or the read tests for OpenAI's key before a feature the provider does not offer
(renamed, the test would pass while the feature still needs OpenAI). `scan` says manual, and
`apply` changes nothing there; a second `apply` changes nothing either.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.rules.base import RuleContext

from .test_fix_truth import assert_fix_truth

SCANNERS: dict[str, FileScanner] = {}


def migrated(registry, tmp_path, text: str, provider: str = "deepseek"):
    """The migration of `text` as one file (every rule), checked: its safe/review findings
    are exactly the edits it makes, and migrating the result again changes nothing."""
    scanner = SCANNERS.get(provider)
    if scanner is None:
        scanner = SCANNERS[provider] = FileScanner(
            RuleContext(registry, registry.get(provider)), tmp_path
        )
    change = scanner.migrate_text(text, "python", "app.py", "app.py", tmp_path / "app.py")
    assert change.error is None
    assert_fix_truth(change, text)
    again = scanner.migrate_text(change.after, "python", "app.py", "app.py", tmp_path / "app.py")
    assert again.after == change.after
    assert [f for f in again.findings if f.edit is not None] == []
    return change


def key_reads(change) -> list[tuple[int, str, str]]:
    return [(f.line, f.fix.value, f.message) for f in change.findings if f.rule == "ML401"]


def computed_reason(line: int, shape: str = "*_API_KEY") -> str:
    return (
        f"the module sets `{shape}` under a name computed at run time (line {line}), which can "
        "be OPENAI_API_KEY: renamed, this read would miss what that write stores; make both use "
        "DEEPSEEK_API_KEY, by hand"
    )


# -- 1. a write under a computed name -----------------------------------------------------

KEYS_FROM_THE_COMMAND_LINE = """import os


def apply_key_options(options):
    for option in options:
        provider, key = option.split("=", 1)
        env_var = f"{provider.strip().upper()}_API_KEY"
        os.environ[env_var] = key.strip()


def have_openai():
    return bool(os.environ.get("OPENAI_API_KEY"))
"""


def test_a_read_beside_a_write_of_keys_named_at_run_time_is_left(registry, tmp_path):
    change = migrated(registry, tmp_path, KEYS_FROM_THE_COMMAND_LINE)
    assert key_reads(change) == [
        (12, "manual", f"reads OPENAI_API_KEY; not switched: {computed_reason(8)}")
    ]
    assert change.after == KEYS_FROM_THE_COMMAND_LINE


@pytest.mark.parametrize(
    ("write", "shape"),
    [
        ('os.environ[name.upper() + "_API_KEY"] = value', "*_API_KEY"),
        ('os.environ["%s_API_KEY" % name.upper()] = value', "*_API_KEY"),
        ('os.environ["{}_API_KEY".format(name).upper()] = value', "*_API_KEY"),
        ('os.environ.setdefault(f"{name}_API_KEY", value)', "*_API_KEY"),
        ('os.putenv(f"{name}_API_KEY", value)', "*_API_KEY"),
        ('os.environ.update({f"{name}_API_KEY": value})', "*_API_KEY"),
        ('os.environ["OPENAI_" + name] = value', "OPENAI_*"),
    ],
)
def test_each_way_of_writing_under_a_computed_name_leaves_the_read(
    registry, tmp_path, write, shape
):
    text = f'import os\n\nname, value = load()\n{write}\nKEY = "OPENAI_API_KEY"\n'
    text += "key = os.getenv(KEY)\n"
    change = migrated(registry, tmp_path, text)
    assert key_reads(change) == [
        (
            5,
            "manual",
            "names OPENAI_API_KEY, read from the environment on line 6 (through KEY); not "
            f"switched: {computed_reason(4, shape)}",
        )
    ]
    assert change.after == text


@pytest.mark.parametrize(
    "write",
    [
        'os.environ["ANTHROPIC_API_KEY"] = load()',  # a literal name, not OpenAI's
        'os.environ[f"{prefix}_MODEL"] = model',  # computed, but never OPENAI_API_KEY
        "os.environ[name] = value",  # nothing shows what it sets (a config's items)
    ],
)
def test_other_writes_leave_the_read_renamed(registry, tmp_path, write):
    text = f'import os\n\n{write}\nkey = os.environ.get("OPENAI_API_KEY")\n'
    change = migrated(registry, tmp_path, text)
    assert key_reads(change) == [
        (
            4,
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        )
    ]
    assert change.after == f'import os\n\n{write}\nkey = os.environ.get("DEEPSEEK_API_KEY")\n'


TESTED_AND_LOADED = """import os

for name, value in load_keys().items():
    os.environ[f"{name}_API_KEY"] = value

if not os.getenv("OPENAI_API_KEY"):
    os.environ["OPENAI_API_KEY"] = open("key.txt").read()
"""


def test_a_test_and_the_write_it_guards_stay_together_beside_a_computed_write(registry, tmp_path):
    """Renamed as a unit elsewhere (ML404), the test and its write are both left here."""
    change = migrated(registry, tmp_path, TESTED_AND_LOADED)
    assert [(f.line, f.rule, f.fix.value) for f in change.findings] == [
        (6, "ML401", "manual"),
        (7, "ML404", "manual"),
    ]
    assert key_reads(change)[0][2] == f"reads OPENAI_API_KEY; not switched: {computed_reason(4)}"
    assert change.after == TESTED_AND_LOADED


KEY_BESIDE_AN_OPENAI_URL = """import os

from pydantic_ai.providers.openai import OpenAIProvider

os.environ[NAME.upper() + "_API_KEY"] = secret()
provider = OpenAIProvider(base_url="https://api.openai.com/v1", api_key=os.getenv("OPENAI_API_KEY"))
"""


def test_a_key_read_left_keeps_the_openai_url_beside_it(registry, tmp_path):
    """ML402 switches such a URL with its key read: the read stays, so the URL does."""
    change = migrated(registry, tmp_path, KEY_BESIDE_AN_OPENAI_URL)
    assert [(f.line, f.rule, f.fix.value, f.message) for f in change.findings] == [
        (
            6,
            "ML402",
            "manual",
            "hard-coded OpenAI URL https://api.openai.com/v1; left alone: switched alone, it "
            "would take the key beside it (line 6, from OPENAI_API_KEY, which stays) to "
            "DeepSeek. Point both at DeepSeek together: base URL https://api.deepseek.com, key "
            "from DEEPSEEK_API_KEY",
        )
    ]
    assert change.after == KEY_BESIDE_AN_OPENAI_URL


# -- 2. a key test guarding a feature the provider does not offer --------------------------

DICTATION = """import os

from openai import OpenAI

client = OpenAI()


def dictate(path):
    if os.environ.get("OPENAI_API_KEY"):
        with open(path, "rb") as audio:
            return client.audio.transcriptions.create(model="whisper-1", file=audio).text
    return input("type it: ")
"""


def feature_reason(call: str, line: int, surface: str) -> str:
    return (
        f"it tests for OpenAI's key before {call}() on line {line}, a call to the {surface} "
        "API, which DeepSeek does not offer: renamed, the test would pass on DeepSeek's key "
        "while that feature still needs OpenAI's; replace or remove the feature, then the test, "
        "by hand"
    )


def test_a_key_test_guarding_transcription_is_left(registry, tmp_path):
    change = migrated(registry, tmp_path, DICTATION)
    assert key_reads(change) == [
        (
            9,
            "manual",
            "reads OPENAI_API_KEY; not switched: "
            + feature_reason("client.audio.transcriptions.create", 11, "audio"),
        )
    ]
    # its one request is audio, which DeepSeek lacks: the client stays on OpenAI (ML001), and
    # the test with it
    assert change.after == DICTATION


def test_the_same_test_is_renamed_where_the_provider_offers_the_feature(registry, tmp_path):
    """SiliconFlow's [supports] has audio: the test goes with the client."""
    change = migrated(registry, tmp_path, DICTATION, provider="siliconflow")
    assert [(line, fix) for line, fix, _ in key_reads(change)] == [(9, "safe")]
    assert 'if os.environ.get("SILICONFLOW_CN_API_KEY"):' in change.after


SPOKEN_NOTES = """import os

import litellm


class Listener:
    def hear(self, path):
        with open(path, "rb") as audio:
            return litellm.transcription(model="whisper-1", file=audio).text


if __name__ == "__main__":
    key = os.getenv("OPENAI_API_KEY")
    if not key:
        raise SystemExit("voice notes need an OpenAI key")
    print(Listener().hear("note.wav"))
"""


def test_a_key_tested_through_a_name_before_a_method_of_the_module_is_left(registry, tmp_path):
    """`key = os.getenv(...)`, `if not key: raise`, then the module's own method: what
    follows the test is guarded, and the method is followed to litellm's Whisper call."""
    change = migrated(registry, tmp_path, SPOKEN_NOTES)
    assert key_reads(change) == [
        (
            13,
            "manual",
            "reads OPENAI_API_KEY; not switched: "
            + feature_reason("litellm.transcription", 9, "audio"),
        )
    ]
    assert change.after == SPOKEN_NOTES


POSTER = """import os
import sys

from openai import OpenAI

if "OPENAI_API_KEY" not in os.environ:
    sys.exit("posters need an OpenAI key")
client = OpenAI()
image = client.images.generate(model="dall-e-3", prompt="a poster")
"""


def test_a_module_level_test_that_exits_guards_what_follows(registry, tmp_path):
    change = migrated(registry, tmp_path, POSTER)
    assert key_reads(change) == [
        (
            6,
            "manual",
            "reads OPENAI_API_KEY; not switched: "
            + feature_reason("client.images.generate", 9, "images"),
        )
    ]
    assert 'if "OPENAI_API_KEY" not in os.environ:' in change.after


CHAT_ONLY = """import os

from openai import OpenAI

if os.environ.get("OPENAI_API_KEY"):
    reply = OpenAI().chat.completions.create(model=MODEL, messages=[])
"""


def test_a_key_test_guarding_only_what_the_provider_offers_is_renamed(registry, tmp_path):
    change = migrated(registry, tmp_path, CHAT_ONLY)
    assert key_reads(change) == [
        (
            5,
            "safe",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is not "
            "copied)",
        )
    ]
    assert 'if os.environ.get("DEEPSEEK_API_KEY"):' in change.after


# -- through the command line: `apply` leaves the read, `check` keeps failing on it ----------


def test_check_keeps_failing_on_a_read_left_after_apply(tmp_path, monkeypatch):
    (tmp_path / "keys.py").write_text(KEYS_FROM_THE_COMMAND_LINE)
    (tmp_path / "notes.py").write_text(SPOKEN_NOTES)
    monkeypatch.chdir(tmp_path)
    applied = CliRunner().invoke(app, ["apply", ".", "--provider", "deepseek", "--yes"])
    assert applied.exit_code == 0, applied.output
    assert (tmp_path / "keys.py").read_text() == KEYS_FROM_THE_COMMAND_LINE
    assert (tmp_path / "notes.py").read_text() == SPOKEN_NOTES
    checked = CliRunner().invoke(app, ["check", ".", "--provider", "deepseek", "--format", "json"])
    assert checked.exit_code == 1
    left = [
        (f["path"], f["line"], f["fix"])
        for f in json.loads(checked.stdout)["findings"]
        if f["rule"] == "ML401"
    ]
    assert left == [("keys.py", 12, "manual"), ("notes.py", 13, "manual")]
