"""Generated code passes the project's own linters: isort-clean imports, no import left unused
by the rewrite, calls wrapped to the configured line length, the file's own newlines."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from migrate_llm.engine import FileScanner, ScanOptions, migrate_text, plan, write
from migrate_llm.imports import add_imports, add_setup, remove_unused_imports
from migrate_llm.layout import LineLengths, collapse_blank_lines, wrap_long_lines
from migrate_llm.model import Edit, Finding, FixClass, Severity, Span
from migrate_llm.rules.base import RuleContext

GOLDEN_INPUT = Path(__file__).resolve().parent / "golden" / "input"
KEY = 'api_key=os.environ["ACME_API_KEY"]'
URL = 'base_url=os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'


def migrate(registry, text: str, directory: Path, name: str = "app.py") -> str:
    """Migrate `text` for acme as the file `directory/name`; assert a second run is a no-op."""
    ctx = RuleContext(registry, registry.get("acme"))
    scanner = FileScanner(ctx, directory)
    path = directory / name
    change = scanner.migrate_text(text, "python", name, name, path)
    assert change.error is None
    again = scanner.migrate_text(change.after, "python", name, name, path)
    assert again.after == change.after
    return change.after


CASES = [
    pytest.param(
        "import json\nimport sys\n\nfrom openai import OpenAI\n\n\n"
        "def make():\n    return OpenAI()\n",
        "import json\nimport os\nimport sys\n\nfrom openai import OpenAI\n\n\n"
        f"def make():\n    return OpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="import-os-joins-the-stdlib-group-in-order",
    ),
    pytest.param(
        '"""Clients."""\n\nfrom __future__ import annotations\n\nfrom openai import OpenAI\n\n\n'
        "def make():\n    return OpenAI()\n",
        '"""Clients."""\n\nfrom __future__ import annotations\n\nimport os\n\n'
        "from openai import OpenAI\n\n\n"
        f"def make():\n    return OpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="a-stdlib-group-is-created-after-the-header",
    ),
    pytest.param(
        "import os\n\nfrom openai import APIError, AzureOpenAI, RateLimitError\n\n\n"
        "def make():\n    try:\n"
        '        return AzureOpenAI(azure_endpoint="https://x.openai.azure.com", api_version="v")\n'
        "    except (APIError, RateLimitError):\n        return None\n",
        "import os\n\nfrom openai import APIError, OpenAI, RateLimitError\n\n\n"
        "def make():\n    try:\n"
        f"        return OpenAI(\n            {KEY},\n            {URL},\n        )\n"
        "    except (APIError, RateLimitError):\n        return None\n",
        id="openai-import-merged-in-sorted-place-azure-name-removed",
    ),
    pytest.param(
        "import os\n\nfrom openai import (\n    AsyncOpenAI,\n    AzureOpenAI,\n)\n\n\n"
        'def make():\n    sync = AzureOpenAI(api_version="v")\n    return sync, AsyncOpenAI\n',
        "import os\n\nfrom openai import (\n    AsyncOpenAI,\n    OpenAI,\n)\n\n\n"
        f"def make():\n    sync = OpenAI(\n        {KEY},\n        {URL},\n    )\n"
        "    return sync, AsyncOpenAI\n",
        id="parenthesised-import-gets-a-line-of-its-own",
    ),
    pytest.param(
        "from openai import AsyncAzureOpenAI, AsyncOpenAI\n\n\n"
        "def make(fake):\n    if fake:\n        return AsyncOpenAI\n"
        '    return AsyncAzureOpenAI(api_version="v")\n',
        "import os\n\nfrom openai import AsyncOpenAI\n\n\n"
        "def make(fake):\n    if fake:\n        return AsyncOpenAI\n"
        f"    return AsyncOpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="no-second-openai-import-line",
    ),
    pytest.param(
        "import sys\n\nfrom openai import AzureOpenAI, BadRequestError\n\n\n"
        'def make():\n    return AzureOpenAI(api_version="v")\n',
        "import os\nimport sys\n\nfrom openai import BadRequestError, OpenAI\n\n\n"
        f"def make():\n    return OpenAI(\n        {KEY},\n        {URL},\n    )\n",
        id="imports-unused-before-the-migration-stay",
    ),
    pytest.param(
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        "        timeout=20.0,\n        max_retries=3,\n    )\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI(\n"
        f"        {KEY},\n        {URL},\n        timeout=20.0,\n        max_retries=3,\n    )\n",
        id="a-call-split-one-argument-per-line-keeps-its-layout",
    ),
    pytest.param(
        "import os\n\nimport openai\n\n\nclass Bot:\n    class Inner:\n"
        "        def make(self, fake):\n            if not fake:\n"
        "                return openai.OpenAI(\n                    timeout=20.0,\n"
        "                )\n",
        "import os\n\nimport openai\n\n\nclass Bot:\n    class Inner:\n"
        "        def make(self, fake):\n            if not fake:\n"
        "                return openai.OpenAI(\n"
        f"                    {KEY},\n"
        "                    base_url=os.environ.get(\n"
        '                        "ACME_BASE_URL", "https://api.acme.example/v1"\n'
        "                    ),\n"
        "                    timeout=20.0,\n                )\n",
        id="an-argument-line-too-long-is-split-at-its-own-call",
    ),
    pytest.param(
        "from openai import OpenAI\n\n\ndef make():\n    client = OpenAI()  # the client\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n    client = OpenAI(\n"
        f"        {KEY},\n        {URL},\n    )  # the client\n",
        id="a-wrapped-call-keeps-its-comment",
    ),
    pytest.param(
        "from openai import AzureOpenAI\n\n\ndef make(cfg, tokens):\n    return AzureOpenAI(\n"
        "        api_version=cfg.version,\n        azure_endpoint=cfg.endpoint,\n"
        "        azure_ad_token_provider=tokens,\n    )\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(cfg, tokens):\n    return OpenAI(\n"
        f"        {KEY},\n        {URL},\n    )\n",
        id="a-call-whose-every-argument-goes-is-written-anew",
    ),
    pytest.param(
        "from openai import AzureOpenAI\n\n\ndef make(cfg):\n    return AzureOpenAI(\n"
        "        # the Azure resource\n        api_version=cfg.version,  # pinned\n"
        "        azure_endpoint=cfg.endpoint,\n    )\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(cfg):\n    return OpenAI(\n"
        f"        # the Azure resource\n        {KEY},\n        {URL},\n    )\n",
        id="a-comment-line-stays-above-the-arguments-that-replace-all-the-others",
    ),
    pytest.param(
        "from openai import AzureOpenAI\n\n\ndef make(cfg):\n    return AzureOpenAI(\n"
        '        api_version=cfg.version,\n        azure_deployment="chat",  # e.g. gpt-35\n'
        "    )\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(cfg):\n    return OpenAI(\n"
        f"        # e.g. gpt-35\n        {KEY},\n        {URL},\n    )\n",
        id="the-last-arguments-comment-stays-indented-as-the-arguments",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_generated_code_is_lint_clean(registry, tmp_path, before, after):
    assert migrate(registry, before, tmp_path) == after


BASE = 'os.environ.get("ACME_BASE_URL", "https://api.acme.example/v1")'
AUTH = "f\"Bearer {os.environ['OPENAI_API_KEY']}\""

# The shapes of code the migration writes, each wrapped the way `ruff format` (black) would
# wrap it at 88 columns (the files are migrated in a directory without a config).
SHAPES = [
    pytest.param(
        "from openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(**kw)\n",
        "import os\n\nfrom openai import OpenAI\n\n\ndef make(**kw):\n    return OpenAI(\n"
        "        **{\n            **kw,\n"
        '            "api_key": kw.get("api_key") or os.environ.get("ACME_API_KEY", "unset"),\n'
        '            "base_url": kw.get("base_url")\n'
        f"            or {BASE},\n"
        "        }\n    )\n",
        id="a-double-star-dict-argument-one-item-per-line",
    ),
    pytest.param(
        'from openai import OpenAI\n\nCFG = {"api_key": "x", "timeout": 3, "max_retries": 2}\n'
        "c = OpenAI(**CFG)\n",
        "import os\n\nfrom openai import OpenAI\n\nCFG = {\n"
        f'    "base_url": {BASE},\n'
        '    "api_key": os.environ.get("ACME_API_KEY", "unset"),\n'
        '    "timeout": 3,\n    "max_retries": 2,\n}\nc = OpenAI(**CFG)\n',
        id="a-module-dict-edited-in-place-one-item-per-line",
    ),
    pytest.param(
        "import os\n\nimport requests\n\n\ndef ask(body):\n"
        '    r = requests.post("https://api.openai.com/v1/chat/completions", json=body, '
        f'headers={{"Authorization": {AUTH}}})\n'
        "    return r.json()\n",
        "import os\n\nimport requests\n\n\ndef ask(body):\n    r = requests.post(\n"
        f'        {BASE}\n        + "/chat/completions",\n'
        "        json=body,\n"
        '        headers={"Authorization": f"Bearer {os.environ[\'ACME_API_KEY\']}"},\n'
        "    )\n    return r.json()\n",
        id="a-url-concatenation-argument-split-at-the-operator",
    ),
    pytest.param(
        'import os\n\nimport requests\n\nURL = "https://api.openai.com/v1/chat/completions"\n'
        'KEY = os.environ["OPENAI_API_KEY"]\n\n\ndef ask(body):\n'
        '    return requests.post(URL, json=body, headers={"Authorization": f"Bearer {KEY}"})\n',
        "import os\n\nimport requests\n\n"
        f'URL = (\n    {BASE} + "/chat/completions"\n)\n'
        'KEY = os.environ["ACME_API_KEY"]\n\n\ndef ask(body):\n'
        '    return requests.post(URL, json=body, headers={"Authorization": f"Bearer {KEY}"})\n',
        id="a-url-concatenation-value-in-parentheses",
    ),
    pytest.param(
        "import httpx\nfrom openai import OpenAI\n\n\ndef make():\n    return OpenAI("
        "http_client=httpx.Client(timeout=httpx.Timeout(30.0, connect=5.0), "
        "follow_redirects=True))\n",
        "import os\n\nimport httpx\nfrom openai import OpenAI\n\n\ndef make():\n"
        f"    return OpenAI(\n        {KEY},\n        {URL},\n"
        "        http_client=httpx.Client(\n"
        "            timeout=httpx.Timeout(30.0, connect=5.0), follow_redirects=True\n"
        "        ),\n    )\n",
        id="a-nested-call-argument-split-at-its-own-brackets",
    ),
]


@pytest.mark.parametrize(("before", "after"), SHAPES)
def test_changed_lines_are_wrapped_as_black_would(registry, tmp_path, before, after):
    assert migrate(registry, before, tmp_path) == after


ENV = 'os.environ.get("ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4")'
# (changed line, its wrapped form at 88) for displays and trailers, through wrap_long_lines.
WRAPS = [
    pytest.param(
        f"    urls = [{ENV}, BACKUP_URL, LOCAL_URL]\n",
        f"    urls = [\n        {ENV},\n        BACKUP_URL,\n        LOCAL_URL,\n    ]\n",
        id="list-display-explodes",
    ),
    pytest.param(
        f'    pair = ({ENV}, os.environ["ZAI_API_KEY"])\n',
        f'    pair = (\n        {ENV},\n        os.environ["ZAI_API_KEY"],\n    )\n',
        id="tuple-display-explodes",
    ),
    pytest.param(
        f'    hosts = {{{ENV}, "https://b"}}\n',
        f'    hosts = {{\n        {ENV},\n        "https://b",\n    }}\n',
        id="set-display-explodes",
    ),
    pytest.param(
        f'    configure(base_url={ENV}, key=os.environ["ZAI_API_KEY"])\n',
        f'    configure(\n        base_url={ENV},\n        key=os.environ["ZAI_API_KEY"],\n    )\n',
        id="call-arguments-one-per-line-when-they-do-not-fit-on-one",
    ),
    pytest.param(
        f'    return {{"base_url": {ENV} + "/chat/completions", "key": key}}\n',
        '    return {\n        "base_url": os.environ.get(\n'
        '            "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n        )\n'
        '        + "/chat/completions",\n        "key": key,\n    }\n',
        id="dict-value-split-at-its-operator-then-at-its-call",
    ),
    pytest.param(
        '    return client.completions.create(model="text-davinci-003", prompt=prompt)'
        ".choices[0].text\n",
        "    return (\n"
        '        client.completions.create(model="text-davinci-003", prompt=prompt)\n'
        "        .choices[0]\n        .text\n    )\n",
        id="call-chain-in-parentheses-one-attribute-per-line",
    ),
    pytest.param(
        f'    print(f({ENV}, os.environ["ZAI_API_KEY"],))\n',
        f"    print(\n        f(\n            {ENV},\n"
        '            os.environ["ZAI_API_KEY"],\n        )\n    )\n',
        id="a-magic-trailing-comma-explodes-its-brackets",
    ),
    pytest.param(
        f'    @mock.patch("openai.resources.chat.completions.Completions.create", new={ENV})\n'
        "    def g():\n        pass\n",
        '    @mock.patch(\n        "openai.resources.chat.completions.Completions.create",\n'
        f"        new={ENV},\n    )\n    def g():\n        pass\n",
        id="a-decorator-splits-its-call",
    ),
    pytest.param(
        f'    assert OpenAI(api_key=os.environ["ZAI_API_KEY"], base_url={ENV})\n',
        '    assert OpenAI(\n        api_key=os.environ["ZAI_API_KEY"],\n'
        f"        base_url={ENV},\n    )\n",
        id="an-assert-splits-its-test",
    ),
    pytest.param(
        '    assert os.environ.get("ZAI_API_KEY", "unset") != "unset", "set ZAI_API_KEY to your key"\n',
        '    assert os.environ.get("ZAI_API_KEY", "unset") != "unset", (\n'
        '        "set ZAI_API_KEY to your key"\n    )\n',
        id="an-assert-parenthesizes-its-message-where-the-test-fits-before-it",
    ),
    pytest.param(
        f'    assert {ENV}.startswith("https"), "set ZAI_BASE_URL to a URL"\n',
        '    assert os.environ.get(\n        "ZAI_BASE_URL", "https://open.bigmodel.cn/api/paas/v4"\n'
        '    ).startswith("https"), "set ZAI_BASE_URL to a URL"\n',
        id="an-assert-whose-test-does-not-fit-splits-the-test",
    ),
    pytest.param(
        f'    raise RuntimeError({ENV} + " is not reachable")\n',
        f'    raise RuntimeError(\n        {ENV}\n        + " is not reachable"\n    )\n',
        id="a-raise-splits-its-call",
    ),
    pytest.param(
        f'    await client.chat.completions.create(model="glm-4-flash", base_url={ENV})\n',
        '    await client.chat.completions.create(\n        model="glm-4-flash",\n'
        f"        base_url={ENV},\n    )\n",
        id="an-await-splits-its-call",
    ),
    pytest.param(
        f"    x = lambda a: {ENV} + str(a) + str(a)\n",
        f"    x = lambda a: {ENV} + str(a) + str(a)\n",
        id="a-lambda-body-that-would-need-its-own-parentheses-is-left",
    ),
]


@pytest.mark.parametrize(("line", "wrapped"), WRAPS)
def test_displays_and_trailers_wrap_as_black_would(line, wrapped):
    before = "def f():\n    pass\n"
    assert wrap_long_lines(before, "def f():\n" + line, 88) == "def f():\n" + wrapped


def test_an_async_with_splits_as_a_with_does():
    before = "async def f():\n    async with c.stream(model=m) as s:\n        pass\n"
    line = f"    async with c.stream(base_url={ENV}, model=m) as s:\n"
    wrapped = f"    async with c.stream(\n        base_url={ENV},\n        model=m,\n    ) as s:\n"
    after = "async def f():\n" + line + "        pass\n"
    assert wrap_long_lines(before, after, 88) == "async def f():\n" + wrapped + "        pass\n"


@pytest.mark.parametrize(
    ("signature", "wrapped"),
    [
        pytest.param(
            'def ask(question: str, model: str = "doubao-seed-1-6-251015") -> str:',
            'def ask(\n    question: str, model: str = "doubao-seed-1-6-251015"\n) -> str:',
            id="parameters-on-one-line",
        ),
        pytest.param(
            'def ask(model: str = "doubao-seed-1-6-251015-and-a-long-suffix-here") -> str:',
            'def ask(\n    model: str = "doubao-seed-1-6-251015-and-a-long-suffix-here",\n) -> str:',
            id="a-lone-parameter-gets-a-trailing-comma",
        ),
    ],
)
def test_a_def_is_split_at_its_parameters(signature, wrapped):
    before = "def ask(question, model='gpt-4o'):\n    pass\n"
    assert wrap_long_lines(before, signature + "\n    pass\n", 60) == wrapped + "\n    pass\n"


def test_a_changed_line_inside_brackets_is_split_as_an_element():
    before = "x = f(\n    a,\n    b=1,\n)\n"
    after = f"x = f(\n    a,\n    b={ENV},  # the URL\n)\n"
    assert wrap_long_lines(before, after, 60) == (
        'x = f(\n    a,\n    b=os.environ.get(\n        "ZAI_BASE_URL",\n'
        '        "https://open.bigmodel.cn/api/paas/v4",\n    ),  # the URL\n)\n'
    )


def test_a_wrap_that_would_change_the_syntax_tree_is_not_made(monkeypatch):
    from migrate_llm import layout

    after = f"x = f({ENV}, {ENV})\n"
    assert wrap_long_lines("x = 1\n", after, 88) != after
    monkeypatch.setattr(layout, "_split_line", lambda *args: "x = f(\n    1,\n)")
    assert wrap_long_lines("x = 1\n", after, 88) == after


@pytest.mark.parametrize(
    ("before", "after", "wrapped"),
    [
        pytest.param(
            "def f(m):\n    return openai.OpenAI().chat.completions.create(\n"
            "        model=m, messages=[]\n    )\n",
            "def f(m):\n"
            f'    return openai.OpenAI(api_key=os.environ["ZAI_API_KEY"], base_url={ENV})'
            ".chat.completions.create(\n        model=m, messages=[]\n    )\n",
            "def f(m):\n    return openai.OpenAI(\n"
            '        api_key=os.environ["ZAI_API_KEY"],\n'
            f"        base_url={ENV},\n"
            "    ).chat.completions.create(model=m, messages=[])\n",
            id="a-long-first-line-above-the-arguments",
        ),
        pytest.param(
            "def f(m):\n    x = client.create(model=m,\n                      messages=[])\n",
            f"def f(m):\n    x = client.create(model=m, base_url={ENV},\n"
            "                      messages=[])\n",
            "def f(m):\n    x = client.create(\n        model=m,\n"
            f"        base_url={ENV},\n        messages=[],\n    )\n",
            id="arguments-under-the-bracket",
        ),
    ],
)
def test_a_statement_over_several_lines_is_laid_out_whole(before, after, wrapped):
    # simonw/llm (t42e D5): `return openai.OpenAI(...).chat.completions.create(` stayed 163
    # characters long, the line being neither a whole statement nor whole arguments
    assert wrap_long_lines(before, after, 88) == wrapped


def test_a_statement_with_a_comment_inside_is_left_alone():
    before = "def f(m):\n    x = client.create(model=m,  # the model\n        n=1\n    )\n"
    after = before.replace("model=m,", f"model=m, base_url={ENV},")
    assert wrap_long_lines(before, after, 88) == after


def test_lines_continued_with_a_backslash_are_left_alone():
    after = f"x = f({ENV}, {ENV}) + \\\n    1\n"
    assert wrap_long_lines("x = 1\n", after, 88) == after


def _changed_rows(before: str, after: str) -> set[int]:
    """1-based rows of `after` that are not rows of `before` kept as they were."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines())
    rows: set[int] = set()
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            rows.update(range(j1 + 1, j2 + 1))
    return rows


def _rows_ruff_would_change(root: Path, length: int) -> dict[str, set[int]]:
    """Rows of each file under `root` that `ruff format --diff` removes or replaces (one run
    of ruff for all of them), by file name."""
    command = [sys.executable, "-m", "ruff", "format", "--diff", "--isolated"]
    result = subprocess.run(
        [*command, "--line-length", str(length), str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    rows: dict[str, set[int]] = {}
    row = 0
    current: set[int] = set()
    for line in result.stdout.splitlines():
        if line.startswith("--- "):
            current = rows.setdefault(Path(line[4:].strip()).name, set())
            continue
        hunk = re.match(r"@@ -(\d+)", line)
        if hunk:
            row = int(hunk.group(1))
        elif line.startswith("-"):
            current.add(row)
            row += 1
        elif line.startswith(" "):
            row += 1
    return rows


@pytest.mark.parametrize("length", [88, 100, 60])
def test_ruff_format_leaves_the_changed_lines_alone(registry, tmp_path, length):
    pytest.importorskip("ruff")
    (tmp_path / "ruff.toml").write_text(f"line-length = {length}\n", encoding="utf-8")
    sources = [p.values[0] for p in (*CASES, *SHAPES)]
    changed: dict[str, tuple[set[int], str]] = {}
    for number, before in enumerate(sources):
        after = migrate(registry, before, tmp_path, f"m{number}.py")
        (tmp_path / f"m{number}.py").write_text(after, encoding="utf-8")
        changed[f"m{number}.py"] = (_changed_rows(before, after), after)
        assert changed[f"m{number}.py"][0]
    for number, param in enumerate(WRAPS):
        line = param.values[0]
        after = wrap_long_lines("def f():\n    pass\n", "def f():\n" + line, length)
        (tmp_path / f"w{number}.py").write_text(after, encoding="utf-8")
        if "lambda" not in line:
            changed[f"w{number}.py"] = (_changed_rows("def f():\n    pass\n", after), after)
    assert len(changed) == len(CASES) + len(SHAPES) + len(WRAPS) - 1
    reformatted = _rows_ruff_would_change(tmp_path, length)
    for name, (rows, after) in changed.items():
        assert reformatted.get(name, set()) & rows == set(), after


def test_import_left_unused_by_the_v0_rewrite_is_removed():
    before = (
        "import openai\nfrom openai import ChatCompletion\n\n"
        "print(ChatCompletion.create(model='m'))\n"
    )
    start = before.index("ChatCompletion.create")
    edit = Edit(
        Span(start, start + len("ChatCompletion.create")),
        "client.chat.completions.create",
        setup=("client = openai.OpenAI()",),
    )
    finding = Finding("ML100", "legacy", Severity.ERROR, FixClass.SAFE, "m", 4, 7, 4, 28, edit=edit)
    after, fixed = migrate_text(before, "python", "app.py", [finding])
    assert after == (
        "import openai\n\nclient = openai.OpenAI()\n\n"
        "print(client.chat.completions.create(model='m'))\n"
    )
    assert fixed == [finding]


def test_removal_keeps_names_still_used_in_strings_and_unused_imports():
    before = "import sys\nfrom openai import AzureOpenAI\n\nc: 'AzureOpenAI' = AzureOpenAI()\n"
    after = "import sys\nfrom openai import AzureOpenAI\n\nc: 'AzureOpenAI' = OpenAI()\n"
    assert remove_unused_imports(before, after) == after
    gone = "import sys\nfrom openai import AzureOpenAI\n\nc = OpenAI()\n"
    assert remove_unused_imports(before, gone) == "import sys\n\nc = OpenAI()\n"


def test_an_import_that_is_a_whole_block_body_stays():
    before = (
        "try:\n    from openai import AzureOpenAI\nexcept ImportError:\n    pass\nAzureOpenAI()\n"
    )
    after = "try:\n    from openai import AzureOpenAI\nexcept ImportError:\n    pass\nOpenAI()\n"
    assert remove_unused_imports(before, after) == after


def test_merged_import_too_long_for_one_line_is_parenthesised():
    text = (
        "from openai import APIError, AsyncOpenAI, AzureOpenAI, BadRequestError, RateLimitError\n"
    )
    assert add_imports(text, ["from openai import OpenAI"], 88) == (
        "from openai import (\n    APIError,\n    AsyncOpenAI,\n    AzureOpenAI,\n"
        "    BadRequestError,\n    OpenAI,\n    RateLimitError,\n)\n"
    )


def test_new_openai_import_goes_after_the_third_party_imports_it_sorts_after():
    text = "import os\n\nimport httpx\nimport openai\nfrom httpx import Client\n\nx = 1\n"
    assert add_imports(text, ["from openai import OpenAI"]) == (
        "import os\n\nimport httpx\nimport openai\nfrom httpx import Client\n"
        "from openai import OpenAI\n\nx = 1\n"
    )


@pytest.mark.parametrize(
    ("text", "after"),
    [
        pytest.param(
            "KEY = os.environ['K']\nimport os\n",
            "import os\n\nKEY = os.environ['K']\nimport os\n",
            id="an-import-below-the-code-comes-too-late",
        ),
        pytest.param(
            "import sys\n\nKEY = os.environ['K']\n\nimport os\n",
            "import os\nimport sys\n\nKEY = os.environ['K']\n\nimport os\n",
            id="into-the-imports-above-the-code",
        ),
        pytest.param(
            "import sys\n\n\ndef key():\n    return os.environ['K']\n\n\nimport os\n",
            "import sys\n\n\ndef key():\n    return os.environ['K']\n\n\nimport os\n",
            id="a-functions-body-runs-later",
        ),
    ],
)
def test_an_import_counts_only_above_the_first_module_level_code_reading_it(text, after):
    assert add_imports(text, ["import os"]) == after


def test_import_os_after_a_shebang_in_a_module_without_imports():
    text = "#!/usr/bin/env python\nKEY = 1\n"
    assert add_imports(text, ["import os"]) == "#!/usr/bin/env python\nimport os\n\nKEY = 1\n"


@pytest.mark.parametrize(
    ("text", "after"),
    [
        pytest.param(
            "# plugin\n@register\ndef run():\n    pass\n",
            "# plugin\nimport os\n\n\n@register\ndef run():\n    pass\n",
            id="decorated-function",
        ),
        pytest.param("class A:\n    pass\n", "import os\n\n\nclass A:\n    pass\n", id="class"),
        pytest.param(
            "\nasync def f():\n    pass\n",
            "import os\n\n\nasync def f():\n    pass\n",
            id="one-blank-line-made-two",
        ),
        pytest.param("x = 1\n", "import os\n\nx = 1\n", id="statement"),
    ],
)
def test_a_first_import_leaves_two_blank_lines_before_a_function_or_class(text, after):
    assert add_imports(text, ["import os"]) == after


WRAP_BEFORE = "from openai import OpenAI\n\n\ndef make():\n    return OpenAI()\n"
ONE_LINE = f"    return OpenAI({KEY}, {URL})\n"
HUGGED = f"    return OpenAI(\n        {KEY}, {URL}\n    )\n"
EXPLODED = f"    return OpenAI(\n        {KEY},\n        {URL},\n    )\n"


@pytest.mark.parametrize(
    ("config_name", "config", "body"),
    [
        pytest.param(None, "", EXPLODED, id="default-88"),
        pytest.param("pyproject.toml", "[tool.ruff]\nline-length = 100\n", EXPLODED, id="ruff-100"),
        pytest.param("pyproject.toml", "[tool.black]\nline-length = 120\n", HUGGED, id="black-120"),
        pytest.param("ruff.toml", "line-length = 120\n", HUGGED, id="ruff-toml-120"),
        pytest.param(".ruff.toml", "line-length = 130\n", ONE_LINE, id="fits-in-130"),
    ],
)
def test_calls_wrap_to_the_configured_line_length(registry, tmp_path, config_name, config, body):
    if config_name:
        (tmp_path / config_name).write_text(config, encoding="utf-8")
    package = tmp_path / "src" / "app"
    package.mkdir(parents=True)
    expected = "import os\n\nfrom openai import OpenAI\n\n\ndef make():\n" + body
    assert migrate(registry, WRAP_BEFORE, package) == expected


def test_line_length_lookup_nearest_config_and_cache(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    inner = tmp_path / "sub" / "deeper"
    inner.mkdir(parents=True)
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    lengths = LineLengths()
    assert lengths.for_file(inner / "a.py") == 100  # a pyproject without ruff/black: go on up
    (tmp_path / "sub" / "ruff.toml").write_text("line-length = 79\n", encoding="utf-8")
    assert lengths.for_file(inner / "a.py") == 100  # looked up once per directory
    assert LineLengths().for_file(inner / "a.py") == 79
    (tmp_path / "sub" / "ruff.toml").write_text("[lint]\nselect = ['E']\n", encoding="utf-8")
    assert LineLengths().for_file(inner / "a.py") == 88  # ruff configured, its default


@pytest.mark.parametrize(
    ("files", "length"),
    [
        pytest.param(
            {
                "ruff.toml": "line-length = 160\n",
                "pyproject.toml": "[dependency-groups]\ndev = ['black>=26.3', 'pytest']\n",
            },
            88,
            id="ruff-160-black-in-a-dependency-group",
        ),
        pytest.param(
            {"pyproject.toml": "[tool.ruff]\nline-length = 120\n[tool.black]\n"},
            88,
            id="black-configured-without-a-length",
        ),
        pytest.param(
            {"pyproject.toml": "[tool.ruff]\nline-length = 120\n[tool.black]\nline-length = 100\n"},
            100,
            id="the-shorter-of-the-two",
        ),
        pytest.param(
            {
                "ruff.toml": "line-length = 120\n",
                ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/psf/black\n"
                "    rev: 24.1.0\n    hooks:\n      - id: black\n",
            },
            88,
            id="black-pre-commit-hook",
        ),
        pytest.param(
            {
                "ruff.toml": "line-length = 120\n",
                ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/psf/black\n"
                "    hooks:\n      - id: black\n        args: ['--line-length', '100']\n"
                "  - repo: https://github.com/pycqa/isort\n    hooks:\n      - id: isort\n"
                "        args: ['-l', '79']\n",
            },
            100,
            id="black-hook-with-its-own-length",
        ),
        pytest.param(
            {
                "ruff.toml": "line-length = 120\n",
                ".pre-commit-config.yaml": "repos:\n- repo: https://github.com/psf/black\n"
                "  hooks:\n  - id: black-jupyter\n    args: [--line-length=99]\n",
            },
            99,
            id="black-jupyter-hook-length-with-equals",
        ),
        pytest.param(
            {
                "pyproject.toml": "[tool.ruff]\nline-length = 110\n"
                "[tool.poetry.group.dev.dependencies]\nblack = '^24.1'\n",
            },
            88,
            id="black-in-a-poetry-group",
        ),
        pytest.param(
            {
                "ruff.toml": "line-length = 120\n",
                "pyproject.toml": "[project]\nname = 'x'\n"
                "[project.optional-dependencies]\ndocs = ['blacken-docs']\n",
            },
            120,
            id="blacken-docs-is-not-black",
        ),
        pytest.param(
            {".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks:\n      - id: mypy\n"},
            100,
            id="no-black-hook-look-further-up",
        ),
    ],
)
def test_a_project_formatted_with_black_gets_blacks_length(tmp_path, files, length):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    assert LineLengths().for_file(project / "a.py") == length


def test_stdin_uses_the_current_directory_config(registry, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 120\n", encoding="utf-8")
    ctx = RuleContext(registry, registry.get("acme"))
    change = FileScanner(ctx, tmp_path).migrate_text(WRAP_BEFORE, "python", "stdin.py", "-")
    assert change.after.endswith(HUGGED)


def test_only_lines_the_edits_changed_are_wrapped():
    long_call = "x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
    before = long_call + "y = g(1)\n"
    after = long_call + "y = g(" + ", ".join(f"value_{i}" for i in range(12)) + ")\n"
    wrapped = wrap_long_lines(before, after, 88)
    assert (
        wrapped == long_call + "y = g(\n" + "".join(f"    value_{i},\n" for i in range(12)) + ")\n"
    )


def test_a_single_argument_stays_on_its_line_and_splits_at_its_own_call():
    after = (
        "if ready:\n    log.info('reply={}, tokens={}'.format("
        "response.choices[0].message.content, response.usage.total_tokens))\n"
    )
    assert wrap_long_lines("if ready:\n    pass\n", after, 88) == (
        "if ready:\n    log.info(\n        'reply={}, tokens={}'.format(\n"
        "            response.choices[0].message.content, response.usage.total_tokens\n"
        "        )\n    )\n"
    )


def test_calls_inside_f_strings_are_not_split():
    before = "x = 1\n"
    after = 'x = f"{g(' + ", ".join(f"'{'v' * 10}'" for _ in range(8)) + ')}"\n'
    assert wrap_long_lines(before, after, 88) == after


def test_crlf_file_gets_crlf_in_every_inserted_line(registry, tmp_path):
    before = "from openai import OpenAI\r\n\r\n\r\ndef make():\r\n    return OpenAI(timeout=5)\r\n"
    after = migrate(registry, before, tmp_path)
    assert after == (
        "import os\r\n\r\nfrom openai import OpenAI\r\n\r\n\r\ndef make():\r\n"
        f"    return OpenAI(\r\n        {KEY},\r\n        {URL},\r\n        timeout=5,\r\n    )\r\n"
    )


def test_crlf_normalised_in_edit_text_imports_and_setup():
    before = "import openai\r\n\r\nx = legacy()\r\n"
    start = before.index("legacy()")
    edit = Edit(
        Span(start, start + len("legacy()")),
        "(\n    new()\n)",
        imports=("import os",),
        setup=("client = openai.OpenAI()",),
    )
    finding = Finding("ML100", "legacy", Severity.ERROR, FixClass.SAFE, "m", 3, 5, 3, 13, edit=edit)
    after, _ = migrate_text(before, "python", "app.py", [finding])
    assert after == (
        "import os\r\n\r\nimport openai\r\n\r\nclient = openai.OpenAI()\r\n\r\n"
        "x = (\r\n    new()\r\n)\r\n"
    )


def test_blank_lines_left_by_deleted_statements_are_cut_to_two():
    before = 'import openai\n\nopenai.api_key = k\n\n\ndef f():\n    return """a\n\n\n\nb"""\n'
    after = 'import openai\n\n\n\n\ndef f():\n    return """a\n\n\n\nb"""\n'
    assert collapse_blank_lines(before, after) == (
        'import openai\n\n\ndef f():\n    return """a\n\n\n\nb"""\n'
    )
    own = "x = 1\n\n\n\ny = 2\n"  # the file's own style: left as it is
    assert collapse_blank_lines(own + "z = 3\n", own + "\n\n\n") == own + "\n\n\n"


WIDENED = '["gpt-4o", "acme-large"]'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            'import os\n\n\nX = ["gpt-4o"]\n',
            f"import os\n\n\nX = {WIDENED}\n",
            id="the-line-below-edited",
        ),
        pytest.param(
            'import os\r\n\r\n\r\nX = ["gpt-4o"]\r\n',
            f"import os\r\n\r\n\r\nX = {WIDENED}\r\n",
            id="crlf",
        ),
        pytest.param(
            'import os\n\n\n# Models we ask for.\nX = ["gpt-4o"]\n',
            f"import os\n\n\n# Models we ask for.\nX = {WIDENED}\n",
            id="a-comment-between",
        ),
        pytest.param(
            'import os\n\n# Models we ask for.\n\n\nX = ["gpt-4o"]\n',
            f"import os\n\n# Models we ask for.\n\n\nX = {WIDENED}\n",
            id="below-a-comment",
        ),
        pytest.param(
            'X = ["gpt-4o"]\n\n\nY = ["gpt-4o"]\n',
            f"X = {WIDENED}\n\n\nY = {WIDENED}\n",
            id="the-lines-on-both-sides-edited",
        ),
        pytest.param(
            'def f():\n    x = ["gpt-4o"]\n\n\n    return x\n',
            f"def f():\n    x = {WIDENED}\n\n\n    return x\n",
            id="inside-a-function",
        ),
        pytest.param(
            'import openai\n\n\nMODEL = "gpt-4o"\n\n\ndef ask():\n'
            "    return openai.OpenAI().chat.completions.create(model=MODEL, messages=[])\n",
            'import os\n\nimport openai\n\n\nMODEL = "acme-large"\n\n\ndef ask():\n'
            f"    return openai.OpenAI(\n        {KEY},\n        {URL},\n"
            "    ).chat.completions.create(model=MODEL, messages=[])\n",
            id="a-model-constant-mapped-and-an-import-added-at-the-top",
        ),
        pytest.param(
            "import json\nfrom openai import OpenAI\n\n\nclient = OpenAI()\n",
            "import json\nimport os\nfrom openai import OpenAI\n\n\nclient = OpenAI(\n"
            '    api_key=os.environ.get("ACME_API_KEY", "unset"),\n'
            f"    {URL},\n)\n",
            id="an-import-added-to-the-block-above",
        ),
    ],
)
def test_blank_lines_beside_an_edited_line_are_kept(registry, tmp_path, before, after):
    # Two blank lines after the imports lost one when the line below them was edited.
    assert migrate(registry, before, tmp_path) == after


def test_blank_lines_left_beside_an_edited_line_by_a_deleted_statement_are_cut():
    before = 'import openai\n\nopenai.api_key = "k"\n\nX = "gpt-4o"\n\n\nY = 1\n'
    after = 'import openai\n\n\nX = "acme-large"\n\n\nY = 1\n'
    assert collapse_blank_lines(before, after) == ('import openai\n\nX = "acme-large"\n\n\nY = 1\n')
    # the lines on both sides edited: the run is the user's only if it was between the
    # lines they replaced
    before = 'A = "gpt-4o"\n\nopenai.api_key = "k"\n\nB = "gpt-4o"\n\n\nC = 1\n'
    after = 'A = "acme-large"\n\n\nB = "acme-large"\n\n\nC = 1\n'
    assert collapse_blank_lines(before, after) == (
        'A = "acme-large"\n\nB = "acme-large"\n\n\nC = 1\n'
    )
    before = 'A = "gpt-4o"\n\n\nB = "gpt-4o"\n'
    after = 'A = "acme-large"\n\n\nB = "acme-large"\n'
    assert collapse_blank_lines(before, after) == after


def test_setup_statement_already_there_wrapped_is_not_added_again():
    text = "import openai\n\nclient = openai.OpenAI(\n    timeout=1,\n)\n"
    assert add_setup(text, ["client = openai.OpenAI(timeout=1)"]) == text
    assert add_setup(text, ["other = 1"]) == (
        "import openai\n\nother = 1\n\nclient = openai.OpenAI(\n    timeout=1,\n)\n"
    )


def _ruff(root: Path) -> set[tuple[str, str, str, str]]:
    """Violations of isort order, unused imports, imports below code and line length (88)
    under `root`, as (file, code, message, text of the line) so that shifted lines compare
    equal."""
    options = ["--isolated", "--select", "I,F401,E402,E501", "--line-length", "88", "--exit-zero"]
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", *options, "--output-format", "json", str(root)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = set()
    for item in json.loads(result.stdout):
        path = Path(item["filename"])
        text = path.read_text(encoding="utf-8")
        if item.get("cell") is not None:  # a notebook: the row is the cell's
            cells = json.loads(text)["cells"]
            source = cells[item["cell"] - 1]["source"]
            text = source if isinstance(source, str) else "".join(source)
        line = text.splitlines()[item["location"]["row"] - 1]
        found.add((path.name, item["code"], item["message"], line))
    return found


@pytest.mark.parametrize("provider", ["zhipu", "qwen", "ernie", "moonshot", "openai"])
def test_migrated_golden_input_passes_ruff(tmp_path, provider):
    pytest.importorskip("ruff")
    original = tmp_path / "input"
    shutil.copytree(GOLDEN_INPUT, original)
    work = tmp_path / "work"
    shutil.copytree(GOLDEN_INPUT, work)
    options = ScanOptions(paths=(work,), provider=provider, cwd=work, use_gitignore=False)
    planned = plan(options).planned
    assert [p.change.error for p in planned if p.change.error] == []
    assert [write(p) for p in planned] == [None] * len(planned)
    if provider != "openai":
        assert any(p.change.changed and p.path.suffix == ".py" for p in planned)
    assert _ruff(work) - _ruff(original) == set()


@pytest.mark.parametrize(
    ("text", "after"),
    [
        # the name is imported in the try already: nothing added (t66b textgrad)
        (
            "try:\n    from openai import AzureOpenAI, OpenAI\n"
            "except ImportError:\n    raise ImportError('pip install openai')\n\nimport os\n",
            "try:\n    from openai import AzureOpenAI, OpenAI\n"
            "except ImportError:\n    raise ImportError('pip install openai')\n\nimport os\n",
        ),
        # merged into the try's import of its module, which stays guarded
        (
            "try:\n    from openai import AzureOpenAI\n"
            "except ImportError:\n    raise ImportError('pip install openai')\n",
            "try:\n    from openai import AzureOpenAI, OpenAI\n"
            "except ImportError:\n    raise ImportError('pip install openai')\n",
        ),
        # a module-level import of the module comes first
        (
            "from openai import APIError\n\ntry:\n    from openai import AzureOpenAI\n"
            "except ImportError:\n    AzureOpenAI = None\n",
            "from openai import APIError, OpenAI\n\ntry:\n    from openai import AzureOpenAI\n"
            "except ImportError:\n    AzureOpenAI = None\n",
        ),
        # a try that does not catch ImportError is not a guard
        (
            "try:\n    from openai import AzureOpenAI\nexcept KeyError:\n    pass\n",
            "from openai import OpenAI\n\ntry:\n    from openai import AzureOpenAI\n"
            "except KeyError:\n    pass\n",
        ),
    ],
)
def test_an_import_guarded_by_a_try_counts_and_takes_the_name(text, after):
    assert add_imports(text, ["from openai import OpenAI"]) == after
