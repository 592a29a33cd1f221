"""Classes of a project deriving from DSPy's legacy `dspy.OpenAI`, checked where they are built
(ML640), in their module and in others (t53e: STORM's `OpenAIModel`, the trial's `MyLM`)."""

from __future__ import annotations

from typer.testing import CliRunner

from migrate_llm.cli import app

from .cli_findings import finding_rows, run_json, write_here
from .framework_rewrites import applied
from .test_key_spreads import found

SLASHED = 'os.environ.get("DEEPSEEK_BASE_URL", "https://api.deepseek.com").rstrip("/")\n    + "/"'
SAME_MODULE = """import os

import dspy


class MyLM(dspy.OpenAI):
    pass


lm = MyLM(model="deepseek-v4-pro", api_key=os.environ["DEEPSEEK_API_KEY"])
"""


def test_a_subclass_handing_its_keywords_on_is_checked_where_it_is_built(registry):
    assert found(registry, SAME_MODULE, "ML640") == [
        (
            10,
            "ML640",
            "review",
            "MyLM() (deriving from dspy.OpenAI) sends the request to OpenAI; apply passes the key "
            "from DEEPSEEK_API_KEY and the base URL from DEEPSEEK_BASE_URL (default "
            'https://api.deepseek.com); apply also passes model_type="chat": without it MyLM() '
            "(deriving from dspy.OpenAI) sends a model whose name holds none of gpt-3.5, turbo, "
            "gpt-4 to the legacy /completions endpoint",
        )
    ]
    assert applied(registry, SAME_MODULE, "deepseek") == SAME_MODULE.replace(
        'lm = MyLM(model="deepseek-v4-pro", api_key=os.environ["DEEPSEEK_API_KEY"])\n',
        "lm = MyLM(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        f"    api_base={SLASHED},\n"
        '    model_type="chat",\n)\n',
    )


def test_a_subclass_built_through_a_name_bound_to_it_is_checked(registry):
    """STORM's `ModelClass = OpenAIModel if ... else AzureOpenAIModel`, then `ModelClass(...)`."""
    text = SAME_MODULE.replace(
        "lm = MyLM(", 'Chosen = MyLM if os.environ.get("KIND") else dict\nlm = Chosen('
    )
    assert [f[:3] for f in found(registry, text, "ML640")] == [(11, "ML640", "review")]
    alias = SAME_MODULE.replace("lm = MyLM(", "Chosen = MyLM\nlm = Chosen(")
    assert [f[:3] for f in found(registry, alias, "ML640")] == [(11, "ML640", "review")]


def test_a_subclass_choosing_its_own_base_url_is_not_checked_where_built(registry):
    """STORM's DeepSeekModel: `api_base="https://api.deepseek.com"` is its own default."""
    text = (
        "import dspy\n\n\nclass DeepSeekModel(dspy.OpenAI):\n"
        '    def __init__(self, model="deepseek-chat", api_key=None, '
        'api_base="https://api.deepseek.com", **kwargs):\n'
        "        super().__init__(model=model, api_key=api_key, api_base=api_base, **kwargs)\n\n\n"
        'lm = DeepSeekModel(model="deepseek-v4-pro", api_key=key)\n'
    )
    assert [f[:3] for f in found(registry, text, "ML640")] == [(4, "ML640", "manual")]


def test_without_a_provider_the_class_is_reported_with_every_keyword(registry):
    from migrate_llm.rules import PYTHON_RULES
    from migrate_llm.rules.base import RuleContext
    from migrate_llm.rules.python import check_python

    text = "import dspy\n\n\nclass MyLM(dspy.OpenAI):\n    pass\n"
    reported = check_python(text, RuleContext(registry, None), PYTHON_RULES)
    assert [f.message for f in reported if f.rule == "ML640"] == [
        "MyLM derives from dspy.OpenAI and gives it no api_base: its constructions are not "
        'rewritten and talk to OpenAI; give it the model, api_key, api_base and model_type="chat" '
        "in its __init__ (or hand them on from where it is built), by hand"
    ]


CLASS_MODULE = "import dspy\n\n\nclass MyLM(dspy.OpenAI):\n    pass\n"
BUILDER = (
    "import os\nfrom sub.mylm import MyLM\n\n"
    'lm = MyLM(model="deepseek-v4-pro", api_key=os.environ["DEEPSEEK_API_KEY"], '
    'model_type="chat")\n'
)


def _project(tmp_path, monkeypatch) -> None:
    write_here(tmp_path, monkeypatch, {"sub/mylm.py": CLASS_MODULE, "leak_sub.py": BUILDER})


def _check(*paths: str) -> tuple[int, list[tuple[str, int, str]]]:
    code, report = run_json("check", *paths, "--provider", "deepseek", "--no-cache")
    return code, finding_rows(report, "path", "line", "rule")


def test_a_construction_in_another_module_is_checked_alone(tmp_path, monkeypatch):
    """t53e: pre-commit passes the files staged; `check leak_sub.py` was green while the
    program sent DeepSeek's key to api.openai.com."""
    _project(tmp_path, monkeypatch)
    assert _check("leak_sub.py") == (1, [("leak_sub.py", 4, "ML640")])
    assert _check(".") == (1, [("leak_sub.py", 4, "ML640")])
    # the class hands the key and base URL on: it is right as it is
    assert _check("sub/mylm.py") == (0, [])
    done = CliRunner().invoke(app, ["apply", "leak_sub.py", "--provider", "deepseek", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "leak_sub.py").read_text() == (
        "import os\nfrom sub.mylm import MyLM\n\nlm = MyLM(\n"
        '    model="deepseek-v4-pro",\n'
        '    api_key=os.environ.get("DEEPSEEK_API_KEY", "unset"),\n'
        f"    api_base={SLASHED},\n"
        '    model_type="chat",\n)\n'
    )
    assert _check("leak_sub.py") == (0, [])
    assert _check(".") == (0, [])


def test_a_class_that_hands_nothing_on_is_reported_at_the_class(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    (tmp_path / "sub" / "mylm.py").write_text(
        CLASS_MODULE.replace(
            "pass", "def __init__(self, model):\n        super().__init__(model=model)"
        )
    )
    assert _check(".") == (1, [("sub/mylm.py", 4, "ML640")])


def test_a_model_constant_of_a_construction_elsewhere_is_ml640s_alone(tmp_path, monkeypatch):
    """STORM's examples name no dspy: ML204 reported their `gpt_4_model_name = "gpt-4o"` with
    advice for litellm beside ML640's for the class; the model is the construction's."""
    _project(tmp_path, monkeypatch)
    (tmp_path / "leak_sub.py").write_text(
        'from sub.mylm import MyLM\n\nMODEL = "gpt-4o"\nkw = {"temperature": 1.0}\n'
        "lm = MyLM(model=MODEL, **kw)\n"
    )
    assert _check(".") == (1, [("leak_sub.py", 3, "ML640"), ("leak_sub.py", 5, "ML640")])
