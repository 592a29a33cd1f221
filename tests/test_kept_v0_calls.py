"""A module's own openai<1 calls beside a package that runs on openai<1 only (GPTCache's
adapter, as GPTCache's examples write them), or in a project whose requirements require such a
package, stay on openai<1 (t63, from t62c's mixed-v0-adapter): rewritten to the v1 client they
failed at import on the openai<1 the package needs. openai<1's settings point them at the
provider (ML670, ML302 say so, `check` red until then); only where the module points both
`openai.api_key` and `openai.api_base` there does apply map their models and pass the thinking
switch as a keyword (openai<1 has no `extra_body`): before, those requests go to OpenAI, and a
provider's model or switch sent there fails (t63 review g1: ML201 wrote deepseek-v4-pro and
ML118 `thinking=` into a call ML302 said goes to api.openai.com). LangChain's older ChatOpenAI on
openai<1 gets the switch in `model_kwargs` itself (t62c's lc-v0-extra-body).

The end-to-end run installs openai 0.28.1 from the package index (`network`), with the stand-in
for GPTCache's adapter of tests/test_v0_libraries.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate_llm.registry import load_registry

from . import network_guard
from .cli_findings import invoke, run_json, write_here
from .loopback_server import LoopbackServer
from .program_runner import run_python
from .test_v0_libraries import STAND_IN, openai_0  # noqa: F401 (a fixture)

MIXED = """import openai

msgs = [{"role": "user", "content": "hi"}]
plain = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=msgs)
print("plain:", plain["choices"][0]["message"]["content"])

from gptcache import cache
from gptcache.adapter import openai

cache.init()
cached = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=msgs)
print("cached:", cached["choices"][0]["message"]["content"])
"""

MIXED_AFTER = MIXED.replace(
    'plain = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=msgs)\n',
    "plain = openai.ChatCompletion.create(\n"
    '    thinking={"type": "disabled"}, model="deepseek-flash", messages=msgs\n'
    ")\n",
)

# what ML670 and ML206 ask of a person: openai<1's settings, the adapter's model
SETTINGS = (
    "import os\n\nimport openai\n\n"
    'openai.api_key = os.environ["DEEPSEEK_API_KEY"]\n'
    'openai.api_base = os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com")\n'
)
HAND_SET = MIXED.replace("import openai\n", SETTINGS, 1).replace(
    'cached = openai.ChatCompletion.create(model="gpt-3.5-turbo"',
    'cached = openai.ChatCompletion.create(model="deepseek-flash"',
)
# what a run of apply then writes: the module's own call mapped, with thinking off
HAND_FIXED = MIXED_AFTER.replace("import openai\n", SETTINGS, 1).replace(
    'cached = openai.ChatCompletion.create(model="gpt-3.5-turbo"',
    'cached = openai.ChatCompletion.create(model="deepseek-flash"',
)
# ML201 where the module's openai<1 settings do not point at the provider
UNPOINTED = (
    "model 'gpt-3.5-turbo' is sent as model= on line {line} through openai<1, left there "
    "with openai.api_key and openai.api_base, which no module of the project points at the "
    "provider: the request goes to api.openai.com (see ML302), so apply leaves the model "
    "too; point both at the provider, by hand, and a later run maps it"
)


def _rows(*args: str) -> tuple[int, list[tuple[str, int, str, str, bool]]]:
    """The exit code and (rule, line, severity, fix, whether it edits) of each finding."""
    code, report = run_json(*args)
    return code, [
        (f["rule"], f["line"], f["severity"], f["fix"], f["fix"] in ("safe", "review"))
        for f in report["findings"]
    ]


def test_the_module_calls_stay_on_openai_0_beside_the_adapter(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"demo.py": MIXED})
    code, rows = _rows("scan", ".", "--provider", "deepseek")
    assert code == 0
    assert rows == [
        ("ML302", 4, "note", "none", False),
        ("ML201", 4, "warning", "manual", False),
        ("ML305", 5, "note", "none", False),
        ("ML670", 8, "error", "manual", False),
        ("ML206", 11, "warning", "manual", False),
    ]
    _, report = run_json("scan", ".", "--provider", "deepseek")
    ml302 = next(f for f in report["findings"] if f["rule"] == "ML302")
    assert ml302["message"] == (
        "openai.ChatCompletion.create() was removed in openai 1.0; left on openai<1: the "
        "module uses gptcache.adapter.openai, which runs on openai<1 only "
        "(frameworks/pins.py), so this code stays there too"
    )
    assert ml302["data"]["kept_for"] == "gptcache.adapter.openai"
    ml201 = next(f for f in report["findings"] if f["rule"] == "ML201")
    assert ml201["message"] == UNPOINTED.format(line=4)
    # the module's openai<1 settings send its call to OpenAI: no provider's model or switch
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "demo.py").read_bytes() == MIXED.encode()
    code, rows = _rows("check", ".", "--provider", "deepseek")
    assert (code, rows) == (
        1,
        [
            ("ML201", 4, "warning", "manual", False),
            ("ML670", 8, "error", "manual", False),
            ("ML206", 11, "warning", "manual", False),
        ],
    )
    # pointed at DeepSeek by hand (ML670, ML206): a run maps the call and turns thinking off
    (tmp_path / "demo.py").write_text(HAND_SET)
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "demo.py").read_bytes() == HAND_FIXED.encode()
    # what scan said apply edits is all it edited: a second run edits nothing
    code, out = invoke("apply", ".", "--provider", "deepseek", "--diff")
    assert (code, out) == (0, "")


def test_the_hand_fixed_module_passes_check(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"demo.py": HAND_FIXED})
    assert _rows("check", ".", "--provider", "deepseek") == (0, [])
    assert invoke("apply", ".", "--provider", "deepseek", "--diff") == (0, "")


OPENAI_KEY_LINE = """import os

import openai

openai.api_key = os.getenv("OPENAI_API_KEY")
r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
from gptcache.adapter import openai  # noqa: E402
"""


def test_an_openai_key_line_is_left_with_the_openai_host(tmp_path, monkeypatch):
    # the key goes where openai.api_base sends it (unset: api.openai.com): not renamed alone
    write_here(tmp_path, monkeypatch, {"demo.py": OPENAI_KEY_LINE})
    # and so does the call with its model: nothing of the provider's is written
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "demo.py").read_text() == OPENAI_KEY_LINE
    code, rows = _rows("check", ".", "--provider", "deepseek")
    assert (code, [r[:2] for r in rows]) == (
        1,
        [("ML301", 5), ("ML401", 5), ("ML201", 6), ("ML670", 7)],
    )


PROJECT_CALL = """import openai

r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])
print(r["choices"][0]["message"]["content"])
"""

GPTCACHE_PINS = "openai==0.28.1\ngptcache==0.1.44\n"


def test_a_project_requiring_gptcache_keeps_its_modules_on_openai_0(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"chat.py": PROJECT_CALL, "requirements.txt": GPTCACHE_PINS})
    _, report = run_json("scan", ".", "--provider", "deepseek")
    ml302 = next(f for f in report["findings"] if f["rule"] == "ML302")
    assert (ml302["severity"], ml302["fix"], ml302["message"]) == (
        "error",
        "manual",
        "openai.ChatCompletion.create() was removed in openai 1.0; left on openai<1: the "
        "project requires gptcache, which runs on openai<1 only (frameworks/pins.py; ML504 "
        "keeps openai<1 for it), so this code stays there too; openai<1 sends it with the "
        "process's openai.api_key and openai.api_base (unset: OPENAI_API_KEY and "
        "api.openai.com): for DeepSeek set openai.api_key from DEEPSEEK_API_KEY and "
        "openai.api_base from DEEPSEEK_BASE_URL in this module or one the program imports "
        "before it, by hand",
    )
    # t63 review g1: ML302 says the call goes to api.openai.com; its model and the
    # switch stay OpenAI's (they were deepseek-flash and `thinking=`)
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "chat.py").read_bytes() == PROJECT_CALL.encode()
    assert (tmp_path / "requirements.txt").read_text() == GPTCACHE_PINS
    code, rows = _rows("check", ".", "--provider", "deepseek")
    assert (code, rows) == (
        1,
        [("ML302", 3, "error", "manual", False), ("ML201", 3, "warning", "manual", False)],
    )
    _, report = run_json("check", ".", "--provider", "deepseek")
    assert report["findings"][1]["message"] == UNPOINTED.format(line=3)
    # pointed at DeepSeek by hand: apply maps the model and turns thinking off
    (tmp_path / "chat.py").write_text(PROJECT_CALL.replace("import openai\n", SETTINGS, 1))
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    after = PROJECT_CALL.replace("import openai\n", SETTINGS, 1).replace(
        'create(model="gpt-3.5-turbo", messages=[])',
        'create(\n    thinking={"type": "disabled"}, model="deepseek-flash", messages=[]\n)',
    )
    assert (tmp_path / "chat.py").read_bytes() == after.encode()
    assert _rows("check", ".", "--provider", "deepseek") == (0, [])


# r2 t5: a module of the project points openai<1's settings, which hold for the whole
# process, at DeepSeek; the module requesting imports it
CONFIG_MODULE = SETTINGS
IMPORTING_CALL = PROJECT_CALL.replace("import openai\n", "import openai\n\nimport config\n", 1)
IMPORTING_AFTER = IMPORTING_CALL.replace(
    'create(model="gpt-3.5-turbo", messages=[])',
    'create(\n    thinking={"type": "disabled"}, model="deepseek-flash", messages=[]\n)',
)


def test_settings_another_module_points_at_the_provider_hold_for_the_project(tmp_path, monkeypatch):
    write_here(
        tmp_path,
        monkeypatch,
        {"config.py": CONFIG_MODULE, "chat.py": IMPORTING_CALL, "requirements.txt": GPTCACHE_PINS},
    )
    code, rows = _rows("scan", ".", "--provider", "deepseek")
    assert (code, [r for r in rows if r[0] in ("ML302", "ML201", "ML118")]) == (
        0,
        [
            ("ML118", 5, "warning", "review", True),
            ("ML302", 5, "note", "none", False),
            ("ML201", 5, "warning", "review", True),
        ],
    )
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "chat.py").read_bytes() == IMPORTING_AFTER.encode()
    assert (tmp_path / "config.py").read_bytes() == CONFIG_MODULE.encode()
    assert invoke("check", ".", "--provider", "deepseek")[0] == 0


def test_a_module_setting_openai_elsewhere_keeps_the_per_module_judgment(tmp_path, monkeypatch):
    # one module points the settings at DeepSeek, another sets the base URL to OpenAI's:
    # which holds depends on the order they run in, so the project decides nothing
    other = 'import openai\n\nopenai.api_base = "https://api.openai.com/v1"\n'
    write_here(
        tmp_path,
        monkeypatch,
        {
            "config.py": CONFIG_MODULE,
            "legacy.py": other,
            "chat.py": IMPORTING_CALL,
            "requirements.txt": GPTCACHE_PINS,
        },
    )
    _, report = run_json("scan", ".", "--provider", "deepseek")
    ml201 = [f for f in report["findings"] if f["rule"] == "ML201"]
    assert [(f["path"], f["fix"], f["message"]) for f in ml201] == [
        ("chat.py", "manual", UNPOINTED.format(line=5))
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "chat.py").read_bytes() == IMPORTING_CALL.encode()


ADAPTER_CALL = (
    "import config  # noqa: F401\nfrom gptcache.adapter import openai\n\n"
    'r = openai.ChatCompletion.create(model="gpt-3.5-turbo", messages=[])\n'
)


def test_the_adapter_counts_settings_another_module_keeps_on_openai_0(tmp_path, monkeypatch):
    files = {"config.py": CONFIG_MODULE, "chat.py": ADAPTER_CALL}
    # no requirements keep openai<1: ML301 moves config.py's settings to openai>=1's
    write_here(tmp_path, monkeypatch, files)
    _, report = run_json("scan", ".", "--provider", "deepseek")
    assert [(f["path"], f["line"]) for f in report["findings"] if f["rule"] == "ML670"] == [
        ("chat.py", 2)
    ]
    # required, gptcache keeps every module on openai<1: config.py's settings hold
    write_here(tmp_path, monkeypatch, {**files, "requirements.txt": GPTCACHE_PINS})
    _, report = run_json("scan", ".", "--provider", "deepseek")
    assert [f for f in report["findings"] if f["rule"] == "ML670"] == []


def test_without_gptcache_the_project_moves_to_the_v1_client(tmp_path, monkeypatch):
    write_here(tmp_path, monkeypatch, {"chat.py": PROJECT_CALL, "requirements.txt": "openai\n"})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    text = (tmp_path / "chat.py").read_text()
    assert "client.chat.completions.create(" in text
    assert 'extra_body={"thinking": {"type": "disabled"}}' in text


LC = """from langchain.chat_models import ChatOpenAI

llm = ChatOpenAI(model_name="gpt-3.5-turbo", temperature=0)
"""


def _lc_after(switch: str) -> str:
    return (
        "import os\n\nfrom langchain.chat_models import ChatOpenAI\n\nllm = ChatOpenAI(\n"
        '    openai_api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        '    openai_api_base=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),\n'
        f"    model_kwargs={switch},\n"
        '    tiktoken_model_name="gpt-3.5-turbo",\n'
        '    model_name="deepseek-flash",\n'
        "    temperature=0,\n)\n"
    )


@pytest.mark.parametrize(
    ("requirements", "switch"),
    [
        # openai<1 kept for gptcache: model_kwargs' entries are fields of the body
        (GPTCACHE_PINS + "langchain==0.0.350\n", '{"thinking": {"type": "disabled"}}'),
        # langchain before 0.0.334 keeps openai<1 too (ML504 leaves both pins)
        ("openai==0.28.1\nlangchain==0.0.300\n", '{"thinking": {"type": "disabled"}}'),
        # ML504 raises openai: the v1 client takes the "extra_body" entry as extra_body
        (
            "openai==0.28.1\nlangchain==0.0.350\n",
            '{"extra_body": {"thinking": {"type": "disabled"}}}',
        ),
    ],
)
def test_langchain_older_chat_class_gets_the_switch_its_openai_sends(
    tmp_path, monkeypatch, requirements, switch
):
    write_here(tmp_path, monkeypatch, {"lc.py": LC, "requirements.txt": requirements})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "lc.py").read_text() == _lc_after(switch)
    assert invoke("apply", ".", "--provider", "deepseek", "--diff") == (0, "")


def test_langchain_extra_body_entry_on_openai_0_is_left_to_a_person(tmp_path, monkeypatch):
    text = LC.replace("temperature=0", 'model_kwargs={"extra_body": {"top_k": 3}}')
    write_here(tmp_path, monkeypatch, {"lc.py": text, "requirements.txt": GPTCACHE_PINS})
    _, report = run_json("scan", ".", "--provider", "deepseek")
    ml601 = next(f for f in report["findings"] if f["rule"] == "ML601")
    assert ml601["message"].endswith(
        "; 'deepseek-flash' thinks before it answers unless told not to, which 'gpt-3.5-turbo' "
        "did not, and on the openai<1 this module runs on ChatOpenAI hands the entries of "
        "model_kwargs= to openai<1's create(), which has no extra_body and sends the one in "
        'model_kwargs={"extra_body": {"top_k": 3}} as a body field named extra_body: put '
        '"thinking": {"type": "disabled"} and that extra_body\'s entries in model_kwargs= '
        "itself, by hand (ML118)"
    )


def _run_v0(project: Path, libs: list[Path]):
    """Run `project`'s demo.py with openai 0.28.1 against a loopback DeepSeek: (the process,
    (path, authorization, the body's fields but messages) of each request, blocked hosts)."""
    server = LoopbackServer.for_provider(load_registry().get("deepseek")).start()
    try:
        given = {
            "DEEPSEEK_API_KEY": "sk-deepseek-test",
            "DEEPSEEK_BASE_URL": server.base,
            "OPENAI_API_KEY": "sk-user-openai-key",
            "PYTHONPATH": ":".join(str(p) for p in libs),
        }
        guard = project / "guard"
        proc = run_python(
            ["demo.py"], cwd=project, env=network_guard.subprocess_env(given, guard), timeout=120
        )
        sent = [
            (
                r.path,
                r.headers.get("authorization"),
                {k: v for k, v in r.body.items() if k != "messages"},
            )
            for r in server.requests
        ]
        return proc, sent, network_guard.blocked_hosts(guard)
    finally:
        server.stop()


@pytest.mark.network
def test_the_kept_calls_run_on_openai_0(tmp_path, monkeypatch, openai_0):  # noqa: F811
    """As apply leaves it the module still reaches OpenAI only (check red: ML670), with
    OpenAI's key; hand-fixed as ML670 and ML206 ask, both requests go to DeepSeek with its key,
    the module's own with thinking off as a field of the body."""
    stand_in = tmp_path / "lib"
    for name, text in STAND_IN.items():
        (stand_in / name).parent.mkdir(parents=True, exist_ok=True)
        (stand_in / name).write_text(text, encoding="utf-8")
    root = tmp_path / "app"
    root.mkdir()
    write_here(root, monkeypatch, {"demo.py": MIXED})
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (root / "demo.py").read_bytes() == MIXED.encode()
    proc, sent, blocked = _run_v0(root, [openai_0, stand_in])
    assert (proc.returncode != 0, sent, blocked) == (True, [], ["api.openai.com"])
    (root / "demo.py").write_text(HAND_SET, encoding="utf-8")
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (root / "demo.py").read_bytes() == HAND_FIXED.encode()
    proc, sent, blocked = _run_v0(root, [openai_0, stand_in])
    assert (proc.returncode, blocked) == (0, []), proc.stderr
    assert sent == [
        (
            "/chat/completions",
            "Bearer sk-deepseek-test",
            {"model": "deepseek-flash", "thinking": {"type": "disabled"}},
        ),
        ("/chat/completions", "Bearer sk-deepseek-test", {"model": "deepseek-flash"}),
    ]


def test_settings_of_a_module_not_imported_do_not_point_the_module(tmp_path, monkeypatch):
    """s64 review 3: worker.py, importing nothing of the project, was judged pointed at
    DeepSeek by config.py's settings: apply mapped its model and passed the switch, and run on
    its own, the request went to OpenAI with DeepSeek's model."""
    write_here(
        tmp_path,
        monkeypatch,
        {
            "config.py": CONFIG_MODULE,
            "chat.py": IMPORTING_CALL,
            "worker.py": PROJECT_CALL,
            "requirements.txt": GPTCACHE_PINS,
        },
    )
    _, report = run_json("scan", ".", "--provider", "deepseek")
    worker = [
        (f["rule"], f["severity"], f["fix"], f["message"])
        for f in report["findings"]
        if f["path"] == "worker.py" and f["rule"] != "ML305"
    ]
    assert worker == [
        (
            "ML302",
            "error",
            "manual",
            "openai.ChatCompletion.create() was removed in openai 1.0; left on openai<1: the "
            "project requires gptcache, which runs on openai<1 only (frameworks/pins.py; ML504 "
            "keeps openai<1 for it), so this code stays there too; openai<1 sends it with the "
            "process's openai.api_key and openai.api_base (unset: OPENAI_API_KEY and "
            "api.openai.com); config.py points them at DeepSeek, but this module does not "
            "import it (nor is it its package's __init__.py), so where it runs without it the "
            "request goes to OpenAI: for DeepSeek set openai.api_key from DEEPSEEK_API_KEY and "
            "openai.api_base from DEEPSEEK_BASE_URL in this module or one the program imports "
            "before it, by hand",
        ),
        (
            "ML201",
            "warning",
            "manual",
            UNPOINTED.format(line=3).replace(
                "no module of the project", "only config.py (which this module does not import)"
            ),
        ),
    ]
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "worker.py").read_bytes() == PROJECT_CALL.encode()
    assert (tmp_path / "chat.py").read_bytes() == IMPORTING_AFTER.encode()
    assert invoke("check", ".", "--provider", "deepseek")[0] == 1


def test_settings_of_the_packages_init_point_its_modules(tmp_path, monkeypatch):
    """A package's `__init__.py` runs before any module of it that is imported, also
    through `from pkg import worker` elsewhere: its settings count for them."""
    write_here(
        tmp_path,
        monkeypatch,
        {
            "pkg/__init__.py": CONFIG_MODULE,
            "pkg/worker.py": PROJECT_CALL,
            "requirements.txt": GPTCACHE_PINS,
        },
    )
    assert invoke("apply", ".", "--provider", "deepseek", "--yes")[0] == 0
    assert (tmp_path / "pkg" / "worker.py").read_text() == PROJECT_CALL.replace(
        'create(model="gpt-3.5-turbo", messages=[])',
        'create(\n    thinking={"type": "disabled"}, model="deepseek-flash", messages=[]\n)',
    )
