"""A model (and the other request arguments) handed on through several of the project's own
functions (`rules/forwarding.py`, `wrapper_params.py`, `rules/imported_wrappers.py`).

tree-of-thought-llm (t48e D1): `gpt()` calls `chatgpt(model=model)`, which calls
`completions_with_backoff(**kwargs)`, whose `**kwargs` go to `ChatCompletion.create`; its
tasks module calls `gpt(prompt, n=5, model='gpt-4')`. Only one level was followed, so the
explicit `model='gpt-4'` stayed ML206 ("not an OpenAI SDK call"), the provider answered 400
and backoff retried for ever, and `n=5` went unchecked. The chain is followed by keyword, by
position and through `**kwargs`, within a module and into a function another module of the
project defines, as long as each function hands the value on as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import FileScanner
from migrate_llm.model import FixClass, Severity
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python
from migrate_llm.wrapper_params import ENTRY_KEYWORDS, may_hand_on, wrapper_params

from .conftest import ACME_DIR
from .loopback_run import run_guarded

# a client already pointed at Acme Cloud: apply changes only what the tests are about
HEAD = (
    "import os\n\nfrom openai import OpenAI\n\nclient = OpenAI(\n"
    '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
    '    base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1"),\n)\n'
)
REVIEW, MANUAL, WARNING = FixClass.REVIEW, FixClass.MANUAL, Severity.WARNING
MAPS = " maps to 'acme-large' on Acme Cloud"
N_OVER = " asks for more choices than Acme Cloud returns (at most 1); make several requests instead"
ACME = ["--providers-dir", str(ACME_DIR), "--provider", "acme"]

# two levels: gpt() -> chatgpt() -> the request (the trial's repro t2.py)
TWO = HEAD + (
    "\n\ndef chatgpt(messages, model, n=1):\n"
    "    return client.chat.completions.create(model=model, messages=messages, n=n)\n"
    "\n\ndef gpt(prompt, model, n=1):\n"
    '    return chatgpt([{"role": "user", "content": prompt}], model=model, n=n)\n'
    "\n\ndef score(p):\n"
    '    return gpt(p, n=5, model="gpt-4")\n'
)
# three levels, the last through **kwargs (tree-of-thought-llm's shape)
THREE = HEAD + (
    "\n\ndef create(**kwargs):\n"
    "    return client.chat.completions.create(**kwargs)\n"
    "\n\ndef chatgpt(messages, model, n=1):\n"
    "    return create(model=model, messages=messages, n=n)\n"
    "\n\ndef gpt(prompt, model, n=1):\n"
    '    return chatgpt([{"role": "user", "content": prompt}], model, n=n)\n'
    "\n\ndef score(p):\n"
    '    return gpt(p, "gpt-4", n=5)\n'
)


def findings(registry, text, rules=("ML111", "ML204", "ML206")):
    ctx = RuleContext(registry, registry.get("acme"))
    return [
        (f.rule, f.line, f.column, f.severity, f.fix, f.message)
        for f in check_python(text, ctx, PYTHON_RULES)
        if f.rule in rules
    ]


def migrated(registry, text):
    ctx = RuleContext(registry, registry.get("acme"))
    return FileScanner(ctx, Path(".")).migrate_text(text, "python", "app.py", "app.py").after


def test_two_levels_map_the_outer_model_and_check_its_n(registry):
    assert findings(registry, TWO) == [
        (
            "ML111",
            20,
            21,
            WARNING,
            MANUAL,
            "n=5 (argument n of gpt(), sent as n= on line 12 through chatgpt())" + N_OVER,
        ),
        (
            "ML204",
            20,
            30,
            WARNING,
            REVIEW,
            "argument model of gpt() = 'gpt-4' (sent as model= on line 12 through chatgpt())"
            + MAPS,
        ),
    ]
    after = migrated(registry, TWO)
    assert after == TWO.replace('model="gpt-4"', 'model="acme-large"')
    assert migrated(registry, after) == after  # a second apply changes nothing
    assert findings(registry, after) == [findings(registry, TWO)[0]]


def test_three_levels_by_position_and_through_kwargs(registry):
    through = "on line 12 through chatgpt() and create()"
    assert findings(registry, THREE) == [
        (
            "ML204",
            24,
            19,
            WARNING,
            REVIEW,
            f"argument 2 of gpt() = 'gpt-4' (sent as model= {through})" + MAPS,
        ),
        (
            "ML111",
            24,
            30,
            WARNING,
            MANUAL,
            f"n=5 (argument n of gpt(), sent as n= {through})" + N_OVER,
        ),
    ]
    after = migrated(registry, THREE)
    assert after == THREE.replace('gpt(p, "gpt-4", n=5)', 'gpt(p, "acme-large", n=5)')
    assert migrated(registry, after) == after


def test_a_kwargs_wrapper_called_directly(registry):
    text = HEAD + (
        "\n\ndef create(**kwargs):\n"
        "    return client.chat.completions.create(**kwargs)\n"
        "\n\n"
        'create(model="gpt-4o", messages=[], n=2, temperature=1.5)\n'
    )
    assert findings(registry, text) == [
        (
            "ML204",
            15,
            14,
            WARNING,
            REVIEW,
            "argument model of create() = 'gpt-4o' (sent as model= on line 12)" + MAPS,
        ),
        (
            "ML111",
            15,
            39,
            WARNING,
            MANUAL,
            "n=2 (argument n of create(), sent as n= on line 12)" + N_OVER,
        ),
        (
            "ML111",
            15,
            54,
            WARNING,
            MANUAL,
            "temperature 1.5 (argument temperature of create(), sent as temperature= on line "
            "12) is outside the range Acme Cloud accepts, [0.0, 1.0]; use 1.0",
        ),
    ]
    assert migrated(registry, text).endswith(
        'create(model="acme-large", messages=[], n=2, temperature=1.5)\n'
    )


def test_a_default_handed_on_is_checked_where_it_is_written(registry):
    text = HEAD + (
        "\n\ndef chatgpt(messages, model, n=1):\n"
        "    return client.chat.completions.create(model=model, messages=messages, n=n)\n"
        "\n\ndef gpt(prompt, model, n=3):\n"
        "    return chatgpt(prompt, model, n)\n"
    )
    assert findings(registry, text) == [
        (
            "ML111",
            15,
            26,
            WARNING,
            MANUAL,
            "n=3 (the default of n of gpt(), sent as n= on line 12 through chatgpt())" + N_OVER,
        )
    ]


@pytest.mark.parametrize(
    ("middle", "n_followed"),
    [
        # bound again in its function: it may hold another value there (n is handed on)
        (
            "def gpt(prompt, model, n=1):\n    model = model or DEFAULT\n"
            "    return chatgpt(prompt, model=model, n=n)\n",
            True,
        ),
        # an entry the function writes or pops (the others are handed on), a mapping it may
        # change anyhow (none is)
        (
            "def gpt(prompt, **kwargs):\n    kwargs['model'] = kwargs.get('model', 'x')\n"
            "    return chatgpt(prompt, **kwargs)\n",
            True,
        ),
        (
            "def gpt(prompt, **kwargs):\n    kwargs.pop('model', None)\n"
            "    return chatgpt(prompt, **kwargs)\n",
            True,
        ),
        (
            "def gpt(prompt, **kwargs):\n    kwargs.update(model='x')\n"
            "    return chatgpt(prompt, **kwargs)\n",
            False,
        ),
        (
            "def gpt(prompt, **kwargs):\n    log(kwargs)\n    return chatgpt(prompt, **kwargs)\n",
            False,
        ),
        # not passed as it is
        (
            "def gpt(prompt, model, n=1):\n    return chatgpt(prompt, model=model.strip(), n=n)\n",
            True,
        ),
    ],
)
def test_a_value_not_handed_on_as_it_is_keeps_todays_report(registry, middle, n_followed):
    text = HEAD + (
        "\n\ndef chatgpt(messages, model, n=1):\n"
        "    return client.chat.completions.create(model=model, messages=messages, n=n)\n"
        f"\n\n{middle}"
        '\n\ngpt("hi", model="gpt-4", n=5)\n'
    )
    line = text.count("\n")
    expected = [
        (
            "ML206",
            line,
            17,
            WARNING,
            MANUAL,
            "model='gpt-4' goes to gpt(), which is not an OpenAI SDK call, so apply leaves it; "
            "if it talks to Acme Cloud, use an Acme Cloud model there (the model table says "
            "'acme-large')",
        )
    ]
    if n_followed:
        n = "n=5 (argument n of gpt(), sent as n= on line 12 through chatgpt())" + N_OVER
        expected.append(("ML111", line, 28, WARNING, MANUAL, n))
    assert findings(registry, text) == expected
    assert migrated(registry, text) == text


def test_a_rebound_n_is_followed_through_min_as_the_model_is(registry):
    # tree-of-thought-llm's chatgpt() sends n in chunks of at most 20 (`n -= cnt`): its first
    # request sends min(5, 20), which DeepSeek refuses (t62g)
    text = HEAD + (
        "\n\ndef chatgpt(messages, model, n=1):\n"
        "    out = []\n    while n > 0:\n        cnt = min(n, 20)\n        n -= cnt\n"
        "        out.append(client.chat.completions.create(model=model, messages=messages, n=cnt))\n"
        "    return out\n"
        "\n\ndef gpt(prompt, model, n=1):\n    return chatgpt(prompt, model=model, n=n)\n"
        '\n\ngpt("hi", n=5, model="gpt-4")\n'
    )
    assert [(f[0], f[5]) for f in findings(registry, text)] == [
        (
            "ML111",
            "n=5 (argument n of gpt(), sent as n=min(n, 20) on line 14 through chatgpt()) asks "
            "for more choices than Acme Cloud returns (at most 1); make several requests instead",
        ),
        (
            "ML204",
            "argument model of gpt() = 'gpt-4' (sent as model= on line 16 through chatgpt())"
            + MAPS,
        ),
    ]


def test_a_cycle_is_followed_once(registry):
    text = HEAD + (
        "\n\ndef ask(q, model, n=1):\n"
        "    if q:\n        return retry(q[1:], model, n)\n"
        "    return client.chat.completions.create(model=model, messages=[], n=n)\n"
        "\n\ndef retry(q, model, n=1):\n    return ask(q, model=model, n=n)\n"
        '\n\nretry(["a"], "gpt-4", n=2)\n'
    )
    assert findings(registry, text) == [
        (
            "ML204",
            21,
            14,
            WARNING,
            REVIEW,
            "argument 2 of retry() = 'gpt-4' (sent as model= on line 14 through ask())" + MAPS,
        ),
        (
            "ML111",
            21,
            25,
            WARNING,
            MANUAL,
            "n=2 (argument n of retry(), sent as n= on line 14 through ask())" + N_OVER,
        ),
    ]


def chain(hops: int) -> str:
    """A request in f0(), reached from f<hops>() through each function in turn."""
    text = HEAD + "\n\ndef f0(model):\n    return client.chat.completions.create(model=model)\n"
    for i in range(1, hops + 1):
        text += f"\n\ndef f{i}(model):\n    return f{i - 1}(model=model)\n"
    return text + f'\n\nf{hops}(model="gpt-4")\n'


def test_followed_at_most_eight_calls_deep(registry):
    through = "f7(), f6(), f5(), f4(), f3(), f2(), f1() and f0()"
    assert findings(registry, chain(8)) == [
        (
            "ML204",
            47,
            10,
            WARNING,
            REVIEW,
            f"argument model of f8() = 'gpt-4' (sent as model= on line 12 through {through})"
            + MAPS,
        )
    ]
    assert [f[:3] for f in findings(registry, chain(9))] == [("ML206", 51, 10)]


# --- another module of the project -------------------------------------------------------

# a client apply points at the provider too
MODELS = "from openai import OpenAI\n\nclient = OpenAI()\n" + (
    "\n\ndef completions_with_backoff(**kwargs):\n"
    "    return client.chat.completions.create(**kwargs)\n"
    "\n\ndef chatgpt(messages, model, n=1):\n"
    "    return completions_with_backoff(model=model, messages=messages, n=n)\n"
    "\n\ndef gpt(prompt, model, n=1):\n"
    '    return chatgpt([{"role": "user", "content": prompt}], model=model, n=n)\n'
)
TASKS = (
    "from app.models import gpt\n"
    "from .models import gpt as ask\n\n\n"
    "def score(p):\n"
    '    return gpt(p, n={n}, model="gpt-4")\n\n\n'
    "def vote(p, k):\n"
    '    return ask(p, "gpt-4", n=k)\n\n\n'
    "vote('q', {k})\n"
)
CHAIN = "through chatgpt() and completions_with_backoff()"


def project(tmp_path: Path, n: int = 5, k: int = 3, models: str = MODELS) -> Path:
    files = {
        "requirements.txt": "openai>=1\n",
        "app/__init__.py": "",
        "app/models.py": models,
        "app/tasks.py": TASKS.format(n=n, k=k),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_the_table_of_a_module_handing_parameters_on(registry):
    ctx = RuleContext(registry, registry.get("acme"))
    data = MODELS.encode()
    assert may_hand_on(data) and not may_hand_on(b"def f(x):\n    return g(y=x)\n")
    found = sorted(
        (p.function, p.param, p.position, p.entry, p.keyword, p.model, p.surface, p.line, p.through)
        for p in wrapper_params("/p/app/models.py", "app/models.py", data, ctx)
    )
    send = ("completions_with_backoff",)
    assert found == [
        ("chatgpt", "messages", 0, False, "messages", False, "chat", 7, send),
        ("chatgpt", "model", 1, False, "model", True, "chat", 7, send),
        ("chatgpt", "n", 2, False, "n", False, "chat", 7, send),
        *(
            ("completions_with_backoff", key, -1, True, key, key == "model", "chat", 7, ())
            for key in sorted(ENTRY_KEYWORDS)
        ),
        ("gpt", "model", 1, False, "model", True, "chat", 7, ("chatgpt", *send)),
        ("gpt", "n", 2, False, "n", False, "chat", 7, ("chatgpt", *send)),
    ]


def scanned(*flags: str) -> list[tuple]:
    result = CliRunner().invoke(app, ["scan", ".", *ACME, "--format", "json", *flags])
    assert result.exit_code == 0, result.output
    return [
        (f["rule"], f["line"], f["column"], f["fix"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["path"] == "app/tasks.py"
    ]


def test_a_function_of_another_module_is_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    where = f"on line 7 of app/models.py {CHAIN}"
    assert scanned("--no-cache") == [
        ("ML111", 6, 21, "manual", f"n=5 (argument n of gpt(), sent as n= {where})" + N_OVER),
        (
            "ML204",
            6,
            30,
            "review",
            f"argument model of gpt() = 'gpt-4' (sent as model= {where})" + MAPS,
        ),
        (
            "ML204",
            10,
            19,
            "review",
            f"argument 2 of gpt() = 'gpt-4' (sent as model= {where})" + MAPS,
        ),
        (
            "ML111",
            13,
            11,
            "manual",
            "n=3 (argument k of vote(), sent as n= on line 7 of app/models.py through gpt(), "
            "chatgpt() and completions_with_backoff())" + N_OVER,
        ),
    ]


def test_apply_maps_the_outer_models_and_check_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path, n=1, k=1))
    result = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "app/tasks.py").read_text() == TASKS.format(n=1, k=1).replace(
        '"gpt-4"', '"acme-large"'
    )
    files = {p: p.read_bytes() for p in tmp_path.rglob("*.py")}
    again = CliRunner().invoke(app, ["apply", ".", *ACME, "--yes", "--no-cache"])
    assert again.exit_code == 0, again.output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.py")} == files
    check = CliRunner().invoke(app, ["check", ".", *ACME, "--no-cache"])
    assert check.exit_code == 0, check.output


def test_a_change_of_the_other_module_reaches_a_cached_scan(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    assert [f[0] for f in scanned()] == ["ML111", "ML204", "ML204", "ML111"]
    rebound = MODELS.replace(
        "def gpt(prompt, model, n=1):\n", "def gpt(prompt, model, n=1):\n    model = model or 'x'\n"
    )
    (tmp_path / "app/models.py").write_text(rebound)  # tasks.py's bytes are unchanged
    # as before: a model passed by keyword is ML206's, by position ML205's
    assert [f[0] for f in scanned()] == ["ML111", "ML206", "ML205", "ML111"]


def counted_readings(monkeypatch) -> list[str]:
    """The modules `wrapper_params` reads from now on (their names as shown)."""
    from migrate_llm import engine

    calls: list[str] = []

    def counted(module, shown, data, rules):
        calls.append(shown)
        return wrapper_params(module, shown, data, rules)

    monkeypatch.setattr(engine, "wrapper_params", counted)
    return calls


def test_a_warm_scan_takes_the_wrapper_module_s_reading_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(project(tmp_path))
    calls = counted_readings(monkeypatch)
    cold = scanned("--no-cache")
    assert calls == ["app/models.py"] and len(cold) == 4
    calls.clear()
    assert scanned() == cold and calls == ["app/models.py"]  # read, then kept
    assert scanned() == cold and calls == ["app/models.py"]  # kept: not read again
    assert scanned("--no-cache") == cold and calls == ["app/models.py"] * 2
    calls.clear()
    rebound = MODELS.replace(
        "def gpt(prompt, model, n=1):\n", "def gpt(prompt, model, n=1):\n    model = model or 'x'\n"
    )
    (tmp_path / "app/models.py").write_text(rebound)
    changed = scanned()
    assert calls == ["app/models.py"] and [f[0] for f in changed] == [
        "ML111",
        "ML206",
        "ML205",
        "ML111",
    ]
    assert scanned() == changed and calls == ["app/models.py"]


@pytest.mark.parametrize("value", ["not json", "{}", "[[1]]", '[["a"]]', "[1]"])
def test_a_damaged_reading_is_read_again(tmp_path, monkeypatch, value):
    import sqlite3

    monkeypatch.chdir(project(tmp_path))
    calls = counted_readings(monkeypatch)
    cold = scanned()
    store = tmp_path / ".migrate-llm-cache" / "results.sqlite3"
    with sqlite3.connect(store) as db:
        # app/models.py's readings: its wrappers, its client factories, its label tests; and
        # app/tasks.py's: the models its calls give those wrappers
        assert db.execute("UPDATE readings SET value = ?", (value,)).rowcount == 4
    db.close()
    # its project's results are keyed by what the reading told: all found again as they were
    assert scanned() == cold and calls == ["app/models.py"] * 2
    assert scanned() == cold and calls == ["app/models.py"] * 2  # written again: kept


# --- end to end ----------------------------------------------------------------------------


def test_migrated_wrappers_send_the_providers_model(registry, server, tmp_path, monkeypatch):
    zhipu = registry.get("zhipu")
    monkeypatch.chdir(project(tmp_path, n=1, k=1))
    result = CliRunner().invoke(app, ["apply", ".", "-p", "zhipu", "--yes", "--no-cache"])
    assert result.exit_code == 0, result.output
    mapped = zhipu.map_model("gpt-4")
    tasks = (tmp_path / "app/tasks.py").read_text()
    assert tasks == TASKS.format(n=1, k=1).replace('"gpt-4"', f'"{mapped}"')
    (tmp_path / "run.py").write_text(
        "from app.tasks import score, vote\n\nscore('p')\nvote('q', 1)\nprint('done')\n"
    )
    path = urlsplit(zhipu.base_url).path.rstrip("/")
    env = {zhipu.api_key_env: "test-key", zhipu.base_url_env: server.base + path}
    proc, blocked = run_guarded("run.py", tmp_path, env)
    assert blocked == [] and proc.returncode == 0, proc.stderr
    assert proc.stdout == "done\n"
    # vote() when app.tasks is imported, then score() and vote()
    assert [(r.path, r.body["model"], r.body["n"]) for r in server.requests] == [
        (f"{path}/chat/completions", mapped, 1)
    ] * 3
