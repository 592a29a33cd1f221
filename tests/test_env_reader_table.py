"""The env-reader table (`openai_sdk.ENV_LOOKUPS`, `env_read_calls.py`) as the one answer to
"this expression reads an environment variable", for the screens and readers beyond the run
facts (session 67).

Session 66 counted python-decouple's `config("X")` as `os.getenv("X")` in ML401 and the run
facts; other screens and readers still knew `os.getenv` and `os.environ` alone, so a decouple
project missed what its `os.getenv` twin got: check green while a caller's default model met
values Kimi rejects, no ML205 word for a project default's tuple, no error for a key read under
a built name, a second base-URL variable beside the project's own. And a client given a
decouple read of any variable holding "OPENAI" in its name kept that reader, of the provider's
variable, where the `os.getenv` twin's client got the provider's variable read as apply writes
it. Each test runs the same project in both forms and asserts the same outcome.
"""

from __future__ import annotations

import ast

import pytest
from typer.testing import CliRunner

from migrate_llm.base_url_names import names_read
from migrate_llm.built_key_reads import may_build
from migrate_llm.cli import app
from migrate_llm.env_model_defaults import EnvDefault, env_defaults, may_default
from migrate_llm.env_read_calls import lookup_test, may_look_up, text_may_look_up
from migrate_llm.rules.base import RuleContext

from . import test_base_url_names as base_url_names
from . import test_caller_default_models as callers
from . import test_project_env_defaults as env_defaults_e2e
from . import test_sent_sizes as sent_sizes
from . import test_shared_key_defaults as shared
from . import test_t55d_quivr as quivr
from .cli_findings import write

# the import each form needs, and its reader
FORMS = {
    "getenv": ("import os", "os.getenv"),
    "decouple": ("from decouple import config", "config"),
}


def reads(form: str, text: str) -> str:
    """`text` (written with `os.getenv`) read by the form's reader instead."""
    return text.replace("os.getenv(", f"{FORMS[form][1]}(")


def test_the_table_recognises_its_lookups_by_ast_and_by_bytes():
    data = (
        b"import os\nfrom os import environ, getenv\nfrom decouple import config\nimport decouple\n"
    )
    test = lookup_test(data)
    called = {
        code: test(ast.parse(code, mode="eval").body.func)  # type: ignore[attr-defined]
        for code in (
            "os.getenv('A')",
            "getenv('A')",
            "os.environ.get('A')",
            "environ.get('A')",
            "config('A')",
            "decouple.config('A')",
            "settings.config('A')",
            "os.environ.pop('A')",
            "x.getenv('A')",
        )
    }
    assert called == {
        "os.getenv('A')": True,
        "getenv('A')": True,
        "os.environ.get('A')": True,
        "environ.get('A')": True,
        "config('A')": True,
        "decouple.config('A')": True,
        "settings.config('A')": False,
        "os.environ.pop('A')": False,
        "x.getenv('A')": False,
    }
    # a `config` of the project's own is no settings reader of the table
    own = lookup_test("from app.settings import config\n")
    assert own(ast.parse("config('A')", mode="eval").body.func) is False  # type: ignore[attr-defined]
    decouple = b"from decouple import config\n"
    assert [
        may_look_up(t)
        for t in (decouple + b"config(", b"getenv(", b"environ.get(", b"environ[", b"config(")
    ] == [True, True, True, False, False]


def test_a_projects_own_config_call_passes_no_screen():
    """Review r1: `get_config(`, `load_config(`, `store.get_config(` held the settings reader's
    tail `config(`, so every screen took them (`may_build`: 52 -> 237 files of a framework
    tree, 5.6 -> 18.9 s) and `store.get_config("DEEPSEEK_API_BASE")` counted as a read of
    that variable (t8). Now a settings reader's call is one written alone (or with its module)
    in a module importing it."""
    decouple = b"from decouple import config\n"
    own = (b"x = get_config(", b"load_config(", b"store.config(", b"self.config(", b"config(")
    assert [may_look_up(decouple + t) for t in own] == [False, False, False, False, True]
    assert [
        may_look_up(t) for t in (b"import decouple\ndecouple.config(", b"mydecouple.config(")
    ] == [
        True,
        False,
    ]
    names = names_read("DEEPSEEK_BASE_URL", ("DEEPSEEK_API_BASE",))
    t8 = b'from app.settings import store\n\nBASE = store.get_config("DEEPSEEK_API_BASE")\n'
    assert names("python", t8) == []
    assert names("python", t8.replace(b"store.get_config", b"get_config")) == []
    assert names("python", decouple + b'BASE = config("DEEPSEEK_API_BASE")\n') == [
        "DEEPSEEK_API_BASE"
    ]
    assert names("python", b'BASE = config("DEEPSEEK_API_BASE")\n') == []  # the project's own
    built = b'KEY = get_config(f"{name}_API_KEY")\n'
    assert not may_build(built)
    assert may_build(decouple + built.replace(b"get_config", b"config"))
    assert not may_default(b'MODEL = load_config("LLM_MODEL", "gpt-4o")\n')
    assert not text_may_look_up("x = settings.get_config(name)\n")
    assert text_may_look_up("from decouple import config\nx = config(name)\n")


# --- settings_reader_reads: a slot's settings-reader read keeps its reader -----------------

PROXY_CLIENT = """{imported}

from openai import OpenAI

client = OpenAI(
    api_key=os.getenv("MY_OPENAI_PROXY_KEY"),
    base_url=os.getenv("COMPANY_OPENAI_GATEWAY", "https://api.openai.com/v1"),
)
"""
PROXY_MOVED = {
    "getenv": """import os

from openai import OpenAI

client = OpenAI(
    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),
    base_url=os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)
""",
    # the key and URL still read from `.env` as decouple does (review r1 t7: before, the
    # client got `os.environ.get(...)` and the decouple import went: a `.env` key unread);
    # at import, a key read that does not raise where the variable is unset (t1b)
    "decouple": """from decouple import config

from openai import OpenAI

client = OpenAI(
    api_key=config("DEEPSEEK_API_KEY", default="unset"),
    base_url=config("DEEPSEEK_BASE_URL", "https://api.deepseek.com"),
)
""",
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_slots_read_of_the_programs_own_variable_keeps_its_reader(tmp_path, form):
    """`config("MY_OPENAI_PROXY_KEY")` is a variable of the program's own, not one ML401
    renames: the client reads the provider's variable in its place, with the reader the
    program used (decouple's, `.env` seen), as the `os.getenv` form's gets `os.environ`."""
    write(tmp_path, {"app.py": reads(form, PROXY_CLIENT.format(imported=FORMS[form][0]))})
    done = CliRunner().invoke(app, ["apply", str(tmp_path), "-p", "deepseek", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == PROXY_MOVED[form]


# --- env_model_defaults: a project default read by decouple counts for ML205 ------------------


def test_decouple_reads_with_a_model_default_are_the_projects_defaults(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    data = (
        b"from decouple import config\n"
        b'A = config("OPENAI_MODEL", default="gpt-4o")\n'
        b'B = config("SMALL_MODEL", "gpt-4o-mini")\n'
        b'C = config("LOG_LEVEL", default="info")\n'
    )
    assert may_default(data)
    assert sorted(env_defaults("/p/m.py", "m.py", data, ctx.openai.serves)) == [
        EnvDefault("/p/m.py", "m.py", "OPENAI_MODEL", "gpt-4o"),
        EnvDefault("/p/m.py", "m.py", "SMALL_MODEL", "gpt-4o-mini"),
    ]
    # the project's own `config`: no environment read
    own = data.replace(b"from decouple import config", b"from app.settings import config")
    assert env_defaults("/p/m.py", "m.py", own, ctx.openai.serves) == []


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_tuple_a_decouple_default_is_in_gains_what_it_maps_to(tmp_path, monkeypatch, form):
    """test_project_env_defaults' chatgpt-telegram-bot shape, main.py reading its model with
    decouple: before, ML205 found no project default (three manual findings, the default's
    tuple left, the migrated bot's `int(None)`); now the same findings as `os.getenv`'s."""
    monkeypatch.chdir(env_defaults_e2e.project(tmp_path))
    main = (tmp_path / "main.py").read_text()
    if form == "decouple":
        main = main.replace("import os\n", FORMS[form][0] + "\n")
        main = main.replace(
            'os.environ.get("OPENAI_MODEL", "gpt-4o")', 'config("OPENAI_MODEL", "gpt-4o")'
        )
        main = main.replace("os.environ.get(", "config(")
    (tmp_path / "main.py").write_text(main)
    assert [(line, fix) for line, fix, _ in env_defaults_e2e.ml205("--no-cache")] == [
        (5, "manual"),
        (6, "review"),
        (7, "manual"),
    ]
    env_defaults_e2e.apply()
    assert (tmp_path / "helper.py").read_text() == env_defaults_e2e.HELPER.format(
        four_o='("gpt-4o", "gpt-4o-mini", "acme-large")', uses=env_defaults_e2e.TESTED
    )
    assert (tmp_path / "main.py").read_text() == main.replace('"gpt-4o"', '"acme-large"')


# --- built_key_reads: a key read under a built name through decouple -------------------------


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_decouple_read_under_a_built_name_is_openais_key(tmp_path, monkeypatch, form):
    """quivr's LLMEndpointConfig reading `config(self.env_variable_name)`: before, check was
    green (exit 0, no finding) while the OpenAI key it reads went to Hunyuan's host with the
    client in endpoint.py; now the error the `os.getenv` form gets."""
    monkeypatch.chdir(tmp_path)
    settings = quivr.SETTINGS
    if form == "decouple":  # the same lines: line numbers kept
        settings = settings.replace("import os\nimport re\n", "import re\n" + FORMS[form][0] + "\n")
        settings = settings.replace("os.getenv(", "config(")
    write(tmp_path, {"settings.py": settings, "endpoint.py": quivr.ENDPOINT})
    code, rows = quivr._run("check", ".")
    read = "os.getenv" if form == "getenv" else "config"
    said = (
        f"OpenAI() points at {quivr.HUNYUAN}, but its key `config.llm_api_key if "
        'config.llm_api_key else os.environ["HUNYUAN_API_KEY"]` may be `config.llm_api_key`, '
        f"which settings.py sets from `{read}(self.env_variable_name)` (line 21), which reads "
        'OPENAI_API_KEY: its name is built at run time as `f"{env_name(self.supplier)}_API_KEY"` '
        "(line 20), from `Suppliers.OPENAI` (line 16), and no rule renames such a read: the "
        f"OpenAI key it may hold would go to {quivr.HUNYUAN}; give it {quivr.HUNYUAN}'s key "
        "(HUNYUAN_API_KEY) alone, by hand"
    )
    assert code == 1
    assert [row[:6] for row in rows] == [("endpoint.py", 9, "ML003", "error", "manual", said)]


# --- shared_key_defaults: a settings class whose defaults decouple reads -------------------


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_class_reading_openai_variables_by_decouple_is_reported_before_apply(
    tmp_path, monkeypatch, form
):
    """MetaGPT's LLMConfig shape, its key and URL defaults read by decouple: before, scan said
    nothing of the local entry that takes the key default ML401 renames (check said so after
    apply); now the ML502 error the `os.getenv` form gets, before apply and after."""
    config = shared.CONFIG_READS_OPENAI
    if form == "decouple":
        config = config.replace("import os\n", FORMS[form][0] + "\n")
        config = config.replace("os.getenv(", "config(")
    shared._project(tmp_path, monkeypatch)
    (tmp_path / "app" / "config.py").write_text(config, encoding="utf-8")
    code, found = shared._run("scan")
    assert code == 0
    expected = ("local.yaml", 3, 13, "ML502", "error", "manual")
    assert shared._config_findings(found) == [
        (*expected, shared.LOCAL_MESSAGE.format(line=8, reads="apply makes read"))
    ]
    done = CliRunner().invoke(app, ["apply", ".", "--provider", "zhipu", "--yes", "--no-cache"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app" / "config.py").read_text(encoding="utf-8") == (
        config.replace("OPENAI_API_KEY", "ZAI_API_KEY")
        .replace("OPENAI_BASE_URL", "ZAI_BASE_URL")
        .replace("https://api.openai.com/v1", "https://open.bigmodel.cn/api/paas/v4")
        .replace("gpt-4o-mini", "glm-4-air-250414")
    )
    code, found = shared._run("check")
    assert code == 1
    assert shared._config_findings(found) == [
        (*expected, shared.LOCAL_MESSAGE.format(line=8, reads="reads"))
    ]


# --- sent_sizes: the width a request asks for, read by decouple ------------------------------


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_width_sent_from_a_decouple_read_fits(tmp_path, monkeypatch, form):
    """chatgpt-retrieval-plugin's `dimensions=` read from EMBEDDING_DIMENSION, by decouple:
    before, ML511 called `.env.example`'s 256 an error (the value sent "cannot be known from
    its module"); now the width the program asks for, as the `os.getenv` form's is."""
    imported, reader = FORMS[form]
    sent = f', dimensions=int({reader}("EMBEDDING_DIMENSION"))'
    assert sent_sizes.ml511(tmp_path, monkeypatch, 256, imported, sent) == []


# --- base_url_names: the provider's base-URL variable a decouple read names -------------------


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_client_reads_the_base_url_variable_a_decouple_read_names(tmp_path, monkeypatch, form):
    """Before (decouple): apply wrote clients reading DEEPSEEK_BASE_URL beside the project's
    `config("DEEPSEEK_API_BASE")`, one URL in two variables; now DEEPSEEK_API_BASE, as for
    `os.getenv`."""
    monkeypatch.chdir(tmp_path)
    imported, reader = FORMS[form]
    write(
        tmp_path,
        {
            "app.py": base_url_names.CLIENT,
            "settings.py": f'{imported}\n\nAPI_BASE = {reader}("DEEPSEEK_API_BASE")\n',
        },
    )
    out = base_url_names.apply()
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == base_url_names.WRITTEN.format(
        "DEEPSEEK_API_BASE"
    )
    assert "DEEPSEEK_BASE_URL" not in out


# --- caller_models: a caller's default model read by decouple --------------------------------


@pytest.mark.parametrize("form", sorted(FORMS))
def test_check_is_red_while_a_callers_decouple_default_meets_values_kimi_rejects(
    tmp_path, monkeypatch, form
):
    """Before (decouple): `def main(prompt, model=config("LLM_MODEL", default="kimi-k2.6"))` in
    app.py, a module naming no OpenAI code, was not read for the model it gives: check exit 0
    with 0 findings while handler.py sends temperature and top_p Kimi rejects. Now exit 1 and
    the findings of the `os.getenv` form."""
    imported, reader = FORMS[form]
    given = f'{reader}("LLM_MODEL", ' + ("default=" if form == "decouple" else "")
    app_text = imported + "\n" + callers.MIGRATED_APP.replace('"kimi-k2.6"', given + '"kimi-k2.6")')
    callers.write(tmp_path, handler=callers.MIGRATED_HANDLER, app=app_text)
    monkeypatch.chdir(tmp_path)
    checked = callers.invoke("check", ".", "--provider", "moonshot", "--no-cache")
    assert checked.exit_code == 1
    assert checked.stdout.splitlines()[1:3] == [
        f"handler.py:13:22 ML115 {callers.BY_HAND.format('temperature')}",
        f"handler.py:13:47 ML115 {callers.BY_HAND.format('top_p')}",
    ]


def test_the_screening_for_a_model_given_takes_the_tables_lookups():
    read = b'model = config("LLM_MODEL", default="kimi-k2.6")\n'
    assert callers.may_pass_model(b"from decouple import config\n" + read)
    assert not callers.may_pass_model(read)  # the project's own `config` (review r1)
    assert not callers.may_pass_model(b"from decouple import config\n" + b"model = get_" + read[8:])
    assert not callers.may_pass_model(b'model_dir = config("MODEL_DIR")\n')


# --- framework classes: a decouple read stays decouple's (as ML001's client does) -----------

LANGCHAIN = """from decouple import config
from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    model="deepseek-v4-flash",
    api_key=config("OPENAI_API_KEY"),
    base_url=config("OPENAI_API_BASE", default="https://api.openai.com/v1"),
)
"""


def test_a_langchain_class_given_decouple_reads_keeps_the_reader(tmp_path):
    """Before: apply wrote `os.environ.get("DEEPSEEK_API_KEY", "unset")` and
    `os.environ.get("DEEPSEEK_BASE_URL", ...)` (and `import os`) in place of the decouple
    reads, so a key kept in `.env`, which decouple reads and never exports, was no longer
    read. Now the class reads the provider's variables with the same reader, as ML001's
    client does (`settings_reader_reads`); a second apply changes nothing."""
    write(tmp_path, {"app.py": LANGCHAIN})
    args = ["apply", str(tmp_path), "-p", "deepseek", "--yes"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    after = (
        # at import, a read that does not raise where DEEPSEEK_API_KEY is unset, as the
        # `os.environ.get(..., "unset")` form's (review r1 t1b: UndefinedValueError)
        LANGCHAIN.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY", default="unset"')
        .replace('"OPENAI_API_BASE"', '"DEEPSEEK_BASE_URL"')
        .replace("https://api.openai.com/v1", "https://api.deepseek.com")
    )
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == after
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == after


LITELLM = """import litellm
from decouple import config

reply = litellm.completion(
    model="gpt-4o-mini",
    messages=[],
    api_key=config("OPENAI_API_KEY"),
    api_base=config("OPENAI_API_BASE", default="https://api.openai.com/v1"),
)
"""


def test_a_litellm_call_given_decouple_reads_keeps_the_reader(tmp_path):
    """Before: apply wrote `os.environ.get(...)` reads (and `import os`, dropping the decouple
    import) in place of the decouple reads of litellm's `api_key=` and `api_base=`; now the
    same reader's reads of the provider's variables, and no `import os` (nothing reads it)."""
    write(tmp_path, {"app.py": LITELLM})
    args = ["apply", str(tmp_path), "-p", "deepseek", "--yes"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    after = (
        LITELLM.replace(
            '    model="gpt-4o-mini",',
            '    extra_body={"thinking": {"type": "disabled"}},\n    model="deepseek/deepseek-flash",',
        )
        .replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY", default="unset"')  # at import
        .replace('"OPENAI_API_BASE"', '"DEEPSEEK_BASE_URL"')
        .replace("https://api.openai.com/v1", "https://api.deepseek.com")
    )
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == after
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == after


def test_a_class_built_in_a_function_reads_the_key_that_fails_fast(tmp_path):
    """Only at import does the decouple read get `default="unset"`: in a function it raises,
    naming the variable, as `key_expr`'s `os.environ[...]` does."""
    text = LANGCHAIN.replace("llm = ChatOpenAI(", "def build():\n    return ChatOpenAI(")
    text = text.replace("\n    ", "\n        ").replace("\n)", "\n    )")
    write(tmp_path, {"app.py": text})
    done = CliRunner().invoke(app, ["apply", str(tmp_path), "-p", "deepseek", "--yes"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == (
        text.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"')
        .replace('"OPENAI_API_BASE"', '"DEEPSEEK_BASE_URL"')
        .replace("https://api.openai.com/v1", "https://api.deepseek.com")
    )
