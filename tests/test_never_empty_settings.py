"""A fallback that can never fire is no migration (t52e D1, D2): VideoLingo's client takes its
key after `if not load_key("api.key"): raise` and a base URL every branch leaves non-empty;
apply added `or os.environ.get("DEEPSEEK_...")` to both, said the client now fell back to
DeepSeek, and check passed while every request (and the DeepSeek key put in `api.key` as the
Next line said) went to the reseller config.yaml names. Now ML003 sees both are never empty
where the client is built (`set_on_paths`), leaves the client (manual: the URL, key and model
are the program's settings, set together) and check fails on it; apply's Next line offers an
empty key entry only where a fallback apply wrote can read the provider's variable. D3: a raw
request's `data=json.dumps({...})` to a constant non-OpenAI host is a note, as `json=` was."""

from __future__ import annotations

import json
import textwrap

import libcst as cst
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.rules.set_on_paths import never_empty_at

from .apply_summary import placeholder_step
from .conftest import ACME_DIR
from .loopback_run import run_guarded
from .loopback_server import LoopbackServer

# t52e's repro/d1.py
ASK = """from openai import OpenAI
from settings import load_key


def ask(prompt):
    if not load_key("api.key"):
        raise ValueError("API key is not set")
    base_url = load_key("api.base_url")
    if 'v1' not in base_url:
        base_url = base_url.strip('/') + '/v1'
    client = OpenAI(api_key=load_key("api.key"), base_url=base_url)
    return client.chat.completions.create(model=load_key("api.model"), messages=[])
"""
# how a person records the finding done once the settings are (t52i N1)
DONE = (
    "; once they are set, record that with `# migrate-llm: ignore[ML003]` at the end of this "
    "line (or in a `check --baseline` file), as check cannot see what the program's settings "
    "hold"
)
ASK_MESSAGE = (
    "OpenAI() takes its base URL from `base_url` (never empty where it is built: lines 9, 10) "
    'and its key from `load_key("api.key")` (never empty there: line 6): a fallback to '
    "DeepSeek's would never run, so apply leaves it; they and its model "
    "(`load_key(\"api.model\")`) are the program's own settings: set all three to DeepSeek's "
    "together (base URL https://api.deepseek.com, a DeepSeek key, a DeepSeek model: "
    "deepseek-v4-pro, deepseek-flash); a DeepSeek key set there alone would go to whatever "
    "base URL is set beside it" + DONE
)
# what apply wrote there before (t52e), as a user who ran it has it
ASK_APPLIED = ASK.replace(
    "from openai import OpenAI\n", "import os\n\nfrom openai import OpenAI\n"
).replace(
    '    client = OpenAI(api_key=load_key("api.key"), base_url=base_url)\n',
    "    client = OpenAI(\n"
    '        api_key=load_key("api.key") or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
    '        base_url=base_url or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
    "    )\n",
)


def migrate(registry, text, provider="deepseek"):
    """(findings as tuples, text after apply); asserts a second run has nothing to edit."""
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    rows = [
        (f.line, f.rule, f.severity.value, f.fix.value, f.message, f.data)
        for f in found
        if f.rule == "ML003"
    ]
    return rows, after


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def test_the_trials_client_is_left_and_check_fails(registry):
    rows, after = migrate(registry, ASK)
    assert after == ASK
    assert rows == [
        (
            11,
            "ML003",
            "warning",
            "manual",
            ASK_MESSAGE,
            {"client": "OpenAI", "endpoint": "dynamic", "never_empty": ["base_url", "api_key"]},
        )
    ]


def test_the_cli_changes_nothing_and_check_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = invoke("apply", "-", "--provider", "deepseek", stdin=ASK)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == ASK
    (tmp_path / "ask.py").write_text(ASK)
    checked = invoke("check", "ask.py", "--provider", "deepseek", "--format", "json")
    assert checked.exit_code == 1
    found = json.loads(checked.stdout)["findings"]
    assert [(f["line"], f["rule"], f["fix"], f["message"]) for f in found] == [
        (11, "ML003", "manual", ASK_MESSAGE)
    ]


# VideoLingo's core/utils/ask_gpt.py, cut down: the key tested first, then a cache that may
# return, the URL chosen on three branches, the model sent through a dict spread
VIDEOLINGO = """from openai import OpenAI
from core.utils.config_utils import load_key
from core.utils.decorator import except_handler


@except_handler("GPT request failed", retry=5)
def ask_gpt(prompt, resp_type=None):
    if not load_key("api.key"):
        raise ValueError("API key is not set")
    cached = _load_cache(prompt)
    if cached:
        return cached

    model = load_key("api.model")
    base_url = load_key("api.base_url")
    if 'ark' in base_url:
        base_url = "https://ark.cn-beijing.volces.com/api/v3"
    elif 'v1' not in base_url:
        base_url = base_url.strip('/') + '/v1'
    client = OpenAI(api_key=load_key("api.key"), base_url=base_url)
    params = dict(model=model, messages=[{"role": "user", "content": prompt}], timeout=300)
    return client.chat.completions.create(**params)
"""


def test_videolingos_shape(registry):
    rows, after = migrate(registry, VIDEOLINGO)
    assert after == VIDEOLINGO
    assert [r[:4] for r in rows] == [(20, "ML003", "warning", "manual")]
    assert rows[0][4] == ASK_MESSAGE.replace("lines 9, 10", "lines 17, 18, 19").replace(
        "line 6", "line 8"
    )


def test_the_fallbacks_an_earlier_apply_wrote_keep_check_red(registry, tmp_path, monkeypatch):
    rows, after = migrate(registry, ASK_APPLIED)
    assert after == ASK_APPLIED
    assert rows == [
        (
            13,
            "ML003",
            "warning",
            "manual",
            ASK_MESSAGE.replace("line 6", "line 8")
            .replace("lines 9, 10", "lines 11, 12")
            .replace(
                "a fallback to DeepSeek's would never run, so apply leaves it",
                "the fallbacks to DEEPSEEK_BASE_URL and DEEPSEEK_API_KEY never run",
            ),
            {"client": "OpenAI", "endpoint": "dynamic", "never_empty": ["base_url", "api_key"]},
        )
    ]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ask.py").write_text(ASK_APPLIED)
    assert invoke("check", "ask.py", "--provider", "deepseek").exit_code == 1


def test_a_key_tested_first_beside_a_url_that_may_be_none_keeps_the_urls_fallback(registry):
    text = (
        "from openai import OpenAI\n\n\n"
        "def make(cfg):\n"
        "    if not cfg.key:\n"
        "        return None\n"
        "    return OpenAI(api_key=cfg.key, base_url=cfg.url)\n"
    )
    rows, after = migrate(registry, text, "acme")
    assert after == (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(cfg):\n"
        "    if not cfg.key:\n"
        "        return None\n"
        "    return OpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset") if not cfg.url else cfg.key,\n'
        "        base_url=cfg.url\n"
        '        or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    )\n"
    )
    assert [r[1:5] for r in rows] == [
        (
            "ML003",
            "warning",
            "review",
            "OpenAI() takes its base URL from `cfg.url` at run time (OpenAI's when that is None); "
            "for Acme Cloud it falls back to ACME_BASE_URL (default "
            "https://api.acme.example/v1); `cfg.key`: ACME_API_KEY in its place where no URL is "
            "given (given for OpenAI's URL, it must not go to Acme Cloud's); on Acme Cloud's URL "
            "given it must be an Acme Cloud key; its base URL and key come first from run-time "
            "data the tool cannot see (`cfg.url`, `cfg.key`: what the program hands it, such as "
            "records of its database): requests reach Acme Cloud only where that data is empty "
            "or already Acme Cloud's; where stored records hold OpenAI's URL, key or models, "
            "change them in the data: the URL to https://api.acme.example/v1, the key to an Acme "
            "Cloud key (as ACME_API_KEY holds), and the model names stored with them to Acme "
            "Cloud's",
        )
    ]


def test_a_url_never_empty_beside_a_key_that_may_be_none(registry):
    text = (
        "from openai import OpenAI\n\n\n"
        "def make(cfg):\n"
        "    url = cfg.url\n"
        "    if not url:\n"
        '        url = "http://10.0.0.2/v1"\n'
        "    return OpenAI(api_key=cfg.key, base_url=url)\n"
    )
    rows, after = migrate(registry, text, "acme")
    assert after == text
    assert [r[1:5] for r in rows] == [
        (
            "ML003",
            "warning",
            "manual",
            "OpenAI() takes its base URL from `url` (never empty where it is built: lines 6, 7) "
            "and its key from `cfg.key` (OPENAI_API_KEY when that is None): a fallback to Acme "
            "Cloud's would never run, so apply leaves it; they are the program's own settings: "
            "set both to Acme Cloud's together (base URL https://api.acme.example/v1, an Acme "
            "Cloud key), and the model sent with them to an Acme Cloud model: acme-large, "
            "acme-medium, acme-small; an Acme Cloud key set there alone would go to whatever "
            "base URL is set beside it" + DONE,
        )
    ]


@pytest.mark.parametrize(
    "guard",
    [
        # the test does not stop the function
        '    if not cfg.key:\n        print("no key")\n',
        # it stops it on one branch only
        "    if not cfg.key:\n        if strict:\n            raise ValueError()\n",
        # `is None` lets "" through, which `or` falls back on
        "    if cfg.key is None:\n        raise ValueError()\n",
        # the key is read again after the test
        "    if not cfg.key:\n        raise ValueError()\n    cfg = reload()\n",
    ],
)
def test_a_key_not_shown_never_empty_keeps_its_fallback(registry, guard):
    text = (
        "from openai import OpenAI\n\n\n"
        "def ask(cfg, strict):\n"
        f"{guard}"
        "    return OpenAI(api_key=cfg.key, base_url=cfg.url)\n"
    )
    rows, after = migrate(registry, text, "acme")
    assert [r[1:4] for r in rows] == [("ML003", "warning", "review")]
    assert after.endswith(
        "    return OpenAI(\n"
        '        api_key=os.environ.get("ACME_API_KEY", "unset")\n'
        "        if not cfg.url\n"
        "        else (\n"
        "            cfg.key\n"
        "            or (\n"
        '                os.environ.get("ACME_API_KEY", "unset")\n'
        '                if str(cfg.url).rstrip("/").lower()\n'
        "                in (\n"
        '                    os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")\n'
        '                    .rstrip("/")\n'
        "                    .lower(),\n"
        '                    "https://api.acme.example/v1",\n'
        "                )\n"
        "                else cfg.key\n"
        "            )\n"
        "        ),\n"
        "        base_url=cfg.url\n"
        '        or os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n'
        "    )\n"
    )


def test_a_url_one_branch_leaves_as_it_came_keeps_its_fallback(registry):
    text = (
        "from openai import OpenAI\n\n\n"
        "def make(cfg, local):\n"
        "    url = cfg.url\n"
        "    if local:\n"
        '        url = url + "/v1"\n'
        "    return OpenAI(api_key=cfg.key, base_url=url)\n"
    )
    rows, after = migrate(registry, text, "acme")
    assert [r[1:4] for r in rows] == [("ML003", "warning", "review")]
    assert 'base_url=url or os.environ.get("ACME_BASE_URL"' in after


def _shown(registry, text: str) -> dict[str, tuple[int, ...] | None]:
    """`never_empty_at` of each keyword argument of the module's `OpenAI(...)` call."""
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    call = next(n for n in ctx.nodes if isinstance(n, cst.Call) and ctx.code(n.func) == "OpenAI")
    return {a.keyword.value: never_empty_at(ctx, a.value, call) for a in call.args if a.keyword}


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        # both tested at once; a statement on the same line before the call
        (
            "if not k or not u:\n    return None\nx = 1; c = OpenAI(api_key=k, base_url=u)",
            {"api_key": (1,), "base_url": (1,)},
        ),
        # a prefix test, sys.exit
        (
            'if not u.startswith("http"):\n    sys.exit(1)\nc = OpenAI(api_key=k, base_url=u)',
            {"api_key": None, "base_url": (1,)},
        ),
        # `x += "/v1"` after a test that says nothing
        (
            'if k:\n    pass\nu += "/v1"\nc = OpenAI(api_key=k, base_url=u)',
            {"api_key": None, "base_url": (3,)},
        ),
        # inside the branch the test holds on; a `with` block on the way
        (
            "if k and u:\n    with lock:\n        c = OpenAI(api_key=k, base_url=u)",
            {"api_key": (1,), "base_url": (1,)},
        ),
        # a name bound again after the test, by a loop or an assignment
        (
            "if not k or not u:\n    raise X\nfor k in keys:\n    pass\nu = get()\n"
            "c = OpenAI(api_key=k, base_url=u)",
            {"api_key": None, "base_url": None},
        ),
        # a loop the call is in forgets what the loop binds
        (
            "if not k:\n    raise X\nwhile True:\n    c = OpenAI(api_key=k, base_url=u)\n"
            "    k = k[1:]",
            {"api_key": None, "base_url": None},
        ),
        # an except clause: the try block may have bound it before failing
        (
            "if not k:\n    raise X\ntry:\n    k = read()\nexcept E:\n"
            "    c = OpenAI(api_key=k, base_url=u)",
            {"api_key": None, "base_url": None},
        ),
    ],
)
def test_what_each_path_shows(registry, body, shown):
    text = "import sys\n\n\ndef f(k, u, keys, lock):\n" + textwrap.indent(body, "    ") + "\n"
    lines = {name: None if v is None else tuple(n + 4 for n in v) for name, v in shown.items()}
    assert _shown(registry, text) == lines


# chatgpt-telegram-bot's config module (tests/test_file_settings.py), its client testing both
CONFIG = """import yaml

with open(Path(__file__).parent / "config.yml") as f:
    config_yaml = yaml.safe_load(f)

openai_api_key = config_yaml["openai_api_key"]
openai_api_base = config_yaml.get("openai_api_base", None)
"""
CLIENT = """import config
from openai import AsyncOpenAI


def make():
    if not config.openai_api_key or not config.openai_api_base:
        raise SystemExit("set openai_api_key and openai_api_base in config.yml")
    return AsyncOpenAI(api_key=config.openai_api_key, base_url=config.openai_api_base)
"""


def test_the_message_names_the_file_a_config_module_reads_them_from(tmp_path, monkeypatch):
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "config.py").write_text(CONFIG)
    (tmp_path / "bot" / "client.py").write_text(CLIENT)
    monkeypatch.chdir(tmp_path)
    done = invoke("scan", ".", "-p", "acme", "--providers-dir", str(ACME_DIR), "--format", "json")
    assert done.exit_code == 0, done.output
    [message] = [f["message"] for f in json.loads(done.stdout)["findings"] if f["rule"] == "ML003"]
    assert message == (
        "AsyncOpenAI() takes its base URL from `config.openai_api_base` (never empty where it "
        "is built: line 6) and its key from `config.openai_api_key` (never empty there: line "
        "6): a fallback to Acme Cloud's would never run, so apply leaves it; they are the "
        "program's own settings (config.yml's openai_api_base and openai_api_key, read in "
        "bot/config.py): set both to Acme Cloud's together (base URL "
        "https://api.acme.example/v1, an Acme Cloud key), and the model sent with them to an "
        "Acme Cloud model: acme-large, acme-medium, acme-small; an Acme Cloud key set there alone would go to "
        "whatever base URL is set beside it" + DONE
    )


# devika's key and endpoint tables (tests/test_config_key_pairs.py), read by a client whose
# key is never empty, beside a module apply migrates
TABLES = (
    '[API_KEYS]\nOPENAI = "<YOUR_OPENAI_API_KEY>"\n\n'
    '[API_ENDPOINTS]\nOPENAI = "https://api.openai.com/v1"\n'
)
SETTINGS_CLIENT = """import toml
from openai import OpenAI


def make():
    values = toml.load("config.toml")
    key = values["API_KEYS"]["OPENAI"]
    if not key:
        raise SystemExit("set API_KEYS.OPENAI in config.toml")
    url = values["API_ENDPOINTS"]["OPENAI"].rstrip("/") + "/"
    return OpenAI(api_key=key, base_url=url)
"""


def test_the_next_line_asks_for_the_key_where_no_fallback_reads_the_variable(tmp_path, monkeypatch):
    (tmp_path / "config.toml").write_text(TABLES)
    (tmp_path / "app.py").write_text(SETTINGS_CLIENT)
    (tmp_path / "other.py").write_text("from openai import OpenAI\n\nclient = OpenAI()\n")
    monkeypatch.chdir(tmp_path)
    done = invoke(
        "apply", ".", "--yes", "--allow-dirty", "-p", "acme", "--providers-dir", str(ACME_DIR)
    )
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "app.py").read_text() == SETTINGS_CLIENT
    assert done.stderr.splitlines()[-1] == (
        "Next: export ACME_API_KEY=<your Acme Cloud key> (the OpenAI key does not work there). "
        + placeholder_step("Acme Cloud", "other.py:6")
        + " "
        "ACME_BASE_URL overrides the base URL https://api.acme.example/v1 (a proxy, a region, a "
        "test server). OpenAI's base URL and key stay in config.toml:5 and config.toml:2 (left "
        "for you): where the program reads them, they win over any variable; point both at Acme "
        "Cloud together: its base URL in the URL entry, your Acme Cloud key in the key entry (no "
        "key apply kept falls back to ACME_API_KEY; your own copy of the file: a key committed "
        "there fails check, ML505)."
    )
    checked = invoke(
        "check", ".", "-p", "acme", "--providers-dir", str(ACME_DIR), "--format", "json"
    )
    assert checked.exit_code == 1
    assert [(f["path"], f["rule"]) for f in json.loads(checked.stdout)["findings"]] == [
        ("app.py", "ML003"),
        ("config.toml", "ML502"),
    ]


TTS = """import json

import requests

BASE_URL = "https://api.302.ai/v1/audio/speech"


def tts(text, key):
    payload = json.dumps({"model": "tts-1", "input": text, "voice": "alloy"})
    return requests.post(BASE_URL, headers={"Authorization": f"Bearer {key}"}, data=payload)


def tts_inline(text, key):
    body = {"model": "tts-1-hd", "input": text}
    return requests.post(BASE_URL, data=json.dumps(body), timeout=30)
"""


def test_a_serialised_body_to_another_service_is_a_note(registry, tmp_path, monkeypatch):
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(TTS, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.severity.value, f.fix.value, f.message) for f in found] == [
        (
            9,
            "note",
            "none",
            "entry 'model' = 'tts-1' is sent in the JSON body of the request to api.302.ai on "
            "line 10, a service that names its own models, not OpenAI: apply leaves it",
        ),
        (
            14,
            "note",
            "none",
            "entry 'model' = 'tts-1-hd' is sent in the JSON body of the request to api.302.ai on "
            "line 15, a service that names its own models, not OpenAI: apply leaves it",
        ),
    ]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tts.py").write_text(TTS)
    assert invoke("check", "tts.py", "--provider", "deepseek").exit_code == 0


def test_a_serialised_body_to_openai_is_still_reported(registry):
    text = TTS.replace(
        "https://api.302.ai/v1/audio/speech", "https://api.openai.com/v1/audio/speech"
    )
    ctx = RuleContext(registry, registry.get("deepseek"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML204"]
    assert [(f.line, f.severity.value) for f in found] == [(9, "warning"), (14, "warning")]


# the trial's program, its settings a JSON file the test writes
SETTINGS = """import json


def load_key(key):
    with open("settings.json") as f:
        return json.load(f)[key]
"""
MAIN = ASK + '\n\nprint(ask("hi").choices[0].message.content)\n'


def test_the_program_reaches_what_its_settings_name_whatever_the_variables(tmp_path, monkeypatch):
    """The warning's claim, run: with the provider's variables set, the program still goes
    to the URL its settings name (the guard refuses that host), so no fallback could have
    moved it; with the three settings set to the provider's (here the loopback server)
    together, as the message says, it works with no variable at all."""
    (tmp_path / "settings.py").write_text(SETTINGS)
    (tmp_path / "app.py").write_text(MAIN)
    monkeypatch.chdir(tmp_path)
    assert invoke("apply", ".", "--provider", "deepseek", "--yes", "--allow-dirty").exit_code == 0
    assert (tmp_path / "app.py").read_text() == MAIN
    server = LoopbackServer(key="sk-test").start()
    settings = tmp_path / "settings.json"
    try:
        settings.write_text(
            json.dumps(
                {"api.key": "sk-test", "api.base_url": "https://yunwu.example", "api.model": ""}
            )
        )
        env = {"DEEPSEEK_API_KEY": "sk-test", "DEEPSEEK_BASE_URL": server.base}
        proc, blocked = run_guarded("app.py", tmp_path, env)
        assert proc.returncode != 0
        assert blocked == ["yunwu.example"]
        assert server.requests == []
        settings.write_text(
            json.dumps(
                {"api.key": "sk-test", "api.base_url": server.base, "api.model": "deepseek-flash"}
            )
        )
        proc, blocked = run_guarded("app.py", tmp_path, {})
    finally:
        server.stop()
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    [request] = server.requests
    assert (request.path, request.headers["authorization"], request.body["model"]) == (
        "/v1/chat/completions",
        "Bearer sk-test",
        "deepseek-flash",
    )


def test_a_written_key_fallback_that_may_run_is_said_so(registry):
    text = (
        "import os\n\nfrom openai import OpenAI\n\n\n"
        "def make(cfg):\n"
        "    url = cfg.url\n"
        "    if not url:\n"
        '        url = "http://10.0.0.2/v1"\n'
        "    return OpenAI(\n"
        '        api_key=cfg.key or os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '        base_url=url or os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        "    )\n"
    )
    rows, after = migrate(registry, text)
    assert after == text
    assert rows == [
        (
            10,
            "ML003",
            "warning",
            "manual",
            "OpenAI() takes its base URL from `url` (never empty where it is built: lines 8, 9) "
            "and its key from `cfg.key` (DEEPSEEK_API_KEY where it is empty): the fallback to "
            "DEEPSEEK_BASE_URL never runs; they are the program's own settings: set both to "
            "DeepSeek's together (base URL https://api.deepseek.com, a DeepSeek key), and the "
            "model sent with them to a DeepSeek model: deepseek-v4-pro, deepseek-flash; a "
            "DeepSeek key set there alone would go to whatever base URL is set beside it" + DONE,
            {"client": "OpenAI", "endpoint": "dynamic", "never_empty": ["base_url"]},
        )
    ]
