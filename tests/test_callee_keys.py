"""A read of OPENAI_API_KEY whose value a caller hands to a class of another module of the
project (ML401, `callee_keys`), and the string naming that variable for a read under a name
built at run time (`built_name_clients`).

Trial t63d (llmware): `key = os.environ.get("OPENAI_API_KEY")`, then `Gen(api_key=key)`, whose
module builds `OpenAI(api_key=self.api_key)`, a client ML001 leaves on OpenAI (its key may be
read under a name built at run time, `env_var="OPENAI_API_KEY"`). ML401 renamed the caller's
read (safe): DeepSeek's key went to api.openai.com. Now the read is left (manual), naming the
client; where that client is pointed at DeepSeek in the same run, the read is still renamed.
The programs run on two loopback servers, one standing for OpenAI (OPENAI_BASE_URL, read by
the SDK itself) and one for DeepSeek, so the key each request carries is seen.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.registry import load_registry

from . import network_guard
from .loopback_server import LoopbackServer
from .program_runner import run_python

MAIN = """import os

from mylib import Gen

key = os.environ.get("OPENAI_API_KEY", "")
print(Gen(api_key=key).run("hi"))
"""

# its client's key may be read under a built name: ML001 leaves it on OpenAI
LEFT = """import os

from openai import OpenAI


class Gen:
    def __init__(self, api_key=None):
        self.api_key = api_key

    def _get_api_key(self, env_var="OPENAI_API_KEY"):
        self.api_key = os.environ.get(env_var)
        return self.api_key

    def run(self, prompt):
        if not self.api_key:
            self._get_api_key()
        client = OpenAI(api_key=self.api_key)
        messages = [{"role": "user", "content": prompt}]
        out = client.chat.completions.create(model="gpt-4o", messages=messages)
        return out.choices[0].message.content
"""

# the same class without the built name: ML001 points its client at DeepSeek
MOVED = """from openai import OpenAI


class Gen:
    def __init__(self, api_key=None):
        self.api_key = api_key

    def run(self, prompt):
        client = OpenAI(api_key=self.api_key)
        messages = [{"role": "user", "content": prompt}]
        out = client.chat.completions.create(model="gpt-4o", messages=messages)
        return out.choices[0].message.content
"""

LEFT_READ = (
    "reads OPENAI_API_KEY, which goes to Gen() on line 6, whose module hands it to `OpenAI()` "
    "on line 17 of mylib.py, which apply leaves talking to OpenAI (see its finding there): "
    "renamed, DeepSeek's key (DEEPSEEK_API_KEY) would go to OpenAI; point that client at "
    "DeepSeek first, then read DEEPSEEK_API_KEY, by hand"
)
BUILT_NAME = (
    "names OPENAI_API_KEY, the variable `os.environ.get(env_var)` (line 11) reads for the key "
    "of OpenAI() on line 17, which apply leaves talking to OpenAI (see there): renamed alone, "
    "DeepSeek's key would go to OpenAI; point that client at DeepSeek first, then make this "
    "name DEEPSEEK_API_KEY, by hand"
)


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def findings(root: Path) -> list[tuple[str, int, str, str, str]]:
    """ML401's findings (file, line, fix, severity, message) from `scan --format json`."""
    result = CliRunner().invoke(
        app, ["scan", str(root), "-p", "deepseek", "--format", "json", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    return [
        (Path(f["path"]).name, f["line"], f["fix"], f["severity"], f["message"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule"] == "ML401"
    ]


def applied(root: Path) -> None:
    result = CliRunner().invoke(app, ["apply", str(root), "-p", "deepseek", "--yes"])
    assert result.exit_code == 0, result.output


def keys_received(root: Path) -> tuple[list[str], list[str]]:
    """Run main.py with both providers' keys set and each base URL on its own loopback server:
    the keys (by variable) each of the OpenAI and DeepSeek stand-ins received."""
    provider = load_registry().get("deepseek")
    openai, deepseek = LoopbackServer().start(), LoopbackServer().start()
    try:
        env = {k: v for k, v in os.environ.items() if "OPENAI" not in k and "DEEPSEEK" not in k}
        env |= {
            "OPENAI_API_KEY": "sk-openai-key",
            "OPENAI_BASE_URL": openai.base + "/v1",
            provider.api_key_env: "sk-deepseek-key",
            provider.base_url_env: deepseek.base,
        }
        guard = root.parent / "guard"
        proc = run_python(
            ["main.py"], cwd=root, env=network_guard.subprocess_env(env, guard), timeout=60
        )
        assert (proc.returncode, network_guard.blocked_hosts(guard)) == (0, []), proc.stderr
        names = {"Bearer sk-openai-key": "OPENAI_API_KEY", "Bearer sk-deepseek-key": "DEEPSEEK"}
        return tuple(  # type: ignore[return-value]
            [names.get(r.headers.get("authorization", ""), "other") for r in server.requests]
            for server in (openai, deepseek)
        )
    finally:
        openai.stop()
        deepseek.stop()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    return tmp_path / "app"


def test_a_key_read_handed_to_a_client_left_in_another_module_stays(root):
    """t63d's repro: the read is left (manual), naming the client; apply writes nothing to
    main.py, and the program sends OpenAI's key only to OpenAI, never DeepSeek's."""
    project(root, {"main.py": MAIN, "mylib.py": LEFT})
    assert findings(root) == [
        ("main.py", 5, "manual", "warning", LEFT_READ),
        ("mylib.py", 10, "manual", "warning", BUILT_NAME),
    ]
    applied(root)
    assert (root / "main.py").read_bytes() == MAIN.encode()
    assert (root / "mylib.py").read_bytes() == LEFT.encode()
    assert keys_received(root) == (["OPENAI_API_KEY"], [])


def test_a_key_given_by_position_is_followed_too(root):
    project(root, {"main.py": MAIN.replace("Gen(api_key=key)", "Gen(key)"), "mylib.py": LEFT})
    assert findings(root)[0] == ("main.py", 5, "manual", "warning", LEFT_READ)
    applied(root)
    assert keys_received(root) == (["OPENAI_API_KEY"], [])


def test_a_key_read_handed_to_a_client_apply_moves_is_renamed(root):
    """Where the callee's client is pointed at DeepSeek in the same run, the read is renamed
    (safe) and the key and the host change together."""
    project(root, {"main.py": MAIN, "mylib.py": MOVED})
    assert findings(root) == [
        (
            "main.py",
            5,
            "safe",
            "warning",
            "reads OPENAI_API_KEY; DeepSeek's key is in DEEPSEEK_API_KEY (the OpenAI key is "
            "not copied)",
        )
    ]
    applied(root)
    assert (root / "main.py").read_text() == MAIN.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"')
    assert keys_received(root) == ([], ["DEEPSEEK"])
    before = {p.name: p.read_bytes() for p in root.glob("*.py")}
    applied(root)
    assert {p.name: p.read_bytes() for p in root.glob("*.py")} == before


# the project's package, and a test module two directories below its root (no __init__.py),
# as llmware's tests/models/test_cloud_model_providers.py: `Prompt(llm_api_key=key)` hands
# the key to `ModelCatalog().load_model(...)`, a method of an object built in place
PROMPTS = """from pkg.models import Catalog


class Prompt:
    def __init__(self, llm_name, llm_api_key=None):
        self.model = Catalog().load_model(llm_name, api_key=llm_api_key)
"""

MODELS = """class Catalog:
    def load_model(self, name, api_key=None):
        return name, api_key
"""

CLOUD_TEST = """import os

from pkg.prompts import Prompt

openai_api_key = os.environ.get("OPENAI_API_KEY", "")


def test_openai():
    Prompt("gpt-4o", llm_api_key=openai_api_key)
"""


def test_a_key_handed_on_to_code_that_cannot_be_followed_stays(tmp_path: Path):
    root = tmp_path / "app"
    for name, text in {
        "pkg/__init__.py": "",
        "pkg/prompts.py": PROMPTS,
        "pkg/models.py": MODELS,
        "tests/models/test_cloud.py": CLOUD_TEST,
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    assert findings(root) == [
        (
            "test_cloud.py",
            5,
            "manual",
            "warning",
            "reads OPENAI_API_KEY, which goes to Prompt() on line 9, whose module hands it on "
            "to `Catalog().load_model()` on line 6 of pkg/prompts.py, the project's code that "
            "cannot be followed from there: renamed, DeepSeek's key (DEEPSEEK_API_KEY) may go "
            "to a client apply leaves on OpenAI; make sure the client it reaches is pointed at "
            "DeepSeek, then read DEEPSEEK_API_KEY, by hand",
        )
    ]


# the callee named through its module (r2 t4): `import mylib`, `import mylib as lib`, or a
# module of a package imported with `from pkg import mylib`
THROUGH_MODULE = [
    ("import mylib", "mylib.Gen", "mylib.py"),
    ("import mylib as lib", "lib.Gen", "mylib.py"),
    ("from pkg import mylib", "mylib.Gen", "pkg/mylib.py"),
]


@pytest.mark.parametrize(("imported", "called", "where"), THROUGH_MODULE)
def test_a_callee_named_through_its_module_is_followed(root, imported, called, where):
    """Before: `mylib.Gen(api_key=key)` was not followed and the read was renamed (safe):
    DeepSeek's key went to OpenAI. Now the read is left as with `from mylib import Gen`."""
    main = MAIN.replace("from mylib import Gen", imported).replace("Gen(", f"{called}(")
    if where.startswith("pkg/"):
        (root / "pkg").mkdir()
        (root / "pkg" / "__init__.py").write_text("")
    project(root, {"main.py": main, where: LEFT})
    shown = LEFT_READ.replace("Gen()", f"{called}()").replace("of mylib.py", f"of {where}")
    assert findings(root)[0] == ("main.py", 5, "manual", "warning", shown)
    applied(root)
    assert (root / "main.py").read_bytes() == main.encode()
    assert keys_received(root) == (["OPENAI_API_KEY"], [])


def test_a_callee_named_through_its_module_apply_moves_is_renamed(root):
    main = MAIN.replace("from mylib import Gen", "import mylib").replace("Gen(", "mylib.Gen(")
    project(root, {"main.py": main, "mylib.py": MOVED})
    assert [f[2] for f in findings(root)] == ["safe"]
    applied(root)
    assert (root / "main.py").read_text() == main.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"')
    assert keys_received(root) == ([], ["DEEPSEEK"])


# the project's callees the key cannot be followed into: a `**kwargs` parameter, a method
# given the key by position, a name the module binds to no function or class
KWARGS = LEFT.replace(
    "def __init__(self, api_key=None):\n        self.api_key = api_key",
    'def __init__(self, **kwargs):\n        self.api_key = kwargs.get("api_key")',
)
BY_METHOD = (
    LEFT
    + """
    @classmethod
    def make(cls, api_key):
        return cls(api_key)
"""
)
BOUND = LEFT.replace("class Gen:", "class _Gen:") + "\nGen = _Gen\n"
OPAQUE = [
    ("Gen(api_key=key)", KWARGS, "Gen()", "the parameter the key fills is not found in mylib.py"),
    (
        "Gen.make(key)",
        BY_METHOD,
        "Gen.make()",
        "the parameter the key fills is not found in mylib.py",
    ),
    ("Gen(api_key=key)", BOUND, "Gen()", "its definition is not found"),
]


@pytest.mark.parametrize(("call", "module", "shown", "why"), OPAQUE)
def test_a_callee_of_the_project_that_cannot_be_followed_leaves_the_read(
    root, call, module, shown, why
):
    """Before: each was renamed (safe) and DeepSeek's key went to the client left on OpenAI;
    now the read is left (manual), naming the call."""
    main = MAIN.replace("Gen(api_key=key)", call)
    project(root, {"main.py": main, "mylib.py": module})
    assert findings(root)[0] == (
        "main.py",
        5,
        "manual",
        "warning",
        f"reads OPENAI_API_KEY, which goes to {shown} on line 6, the project's own code that "
        f"cannot be followed ({why}): renamed, DeepSeek's key (DEEPSEEK_API_KEY) may go to a "
        "client apply leaves on OpenAI; make sure the client it reaches is pointed at "
        "DeepSeek, then read DEEPSEEK_API_KEY, by hand",
    )
    applied(root)
    assert (root / "main.py").read_bytes() == main.encode()
    assert keys_received(root) == (["OPENAI_API_KEY"], [])


# `**kwargs` spread whole into a client apply moves: followed to it
SPREAD = """from openai import OpenAI


class Gen:
    def __init__(self, **kwargs):
        self.client = OpenAI(**kwargs)

    def run(self, prompt):
        out = self.client.chat.completions.create(model="gpt-4o", messages=[])
        return out.choices[0].message.content
"""


def test_a_key_spread_into_a_client_apply_moves_is_renamed(root):
    project(root, {"main.py": MAIN, "mylib.py": SPREAD})
    assert [f[2] for f in findings(root) if f[0] == "main.py"] == ["safe"]
    applied(root)
    assert (root / "main.py").read_text() == MAIN.replace('"OPENAI_API_KEY"', '"DEEPSEEK_API_KEY"')
    assert keys_received(root) == ([], ["DEEPSEEK"])
