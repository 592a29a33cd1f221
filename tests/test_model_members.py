"""Members of another package's enum whose names spell an OpenAI model (ML204, manual): paper-qa's
`Field(default=CommonLLMNames.GPT_4O.value)` (trial 48a); and the framework markers that are
words of prose (`guidance` in a field's description made ML204 rewrite a bare embedding model)."""

from __future__ import annotations

import json
from pathlib import Path

import libcst as cst
import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.engine import migrate_text
from migrate_llm.openai_sdk import member_model
from migrate_llm.prefilter import prefilters
from migrate_llm.registry import Registry
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.framework_classes import mentions_framework
from migrate_llm.rules.framework_guidance import imports_guidance
from migrate_llm.rules.python import check_python
from migrate_llm.rules.python_context import PythonContext
from migrate_llm.run_facts import RunFacts

from .conftest import ACME_DIR

HEAD = "from lmi import CommonLLMNames\nfrom pydantic import BaseModel, Field\n\n\n"
PAPERQA = HEAD + (
    "class Settings(BaseModel):\n"
    "    llm: str = Field(default=CommonLLMNames.GPT_4O.value, description='LLM')\n"
    "    embedding: str = CommonLLMNames.TEXT_EMBEDDING_3_SMALL\n"
)
SPELLS = "another package's, whose value this scan cannot read; its name spells OpenAI's"


def model_findings(registry: Registry, text: str, provider: str | None = "acme", **facts):
    ctx = RuleContext(
        registry, registry.get(provider) if provider else None, facts=RunFacts(**facts)
    )
    found = check_python(text, ctx, PYTHON_RULES, path="src/app/settings.py")
    return [f for f in found if f.rule in ("ML204", "ML205", "ML206")]


def test_imported_enum_members_are_left_with_the_model_their_names_spell(registry) -> None:
    findings = model_findings(registry, PAPERQA)
    assert [(f.line, f.column, f.rule, f.severity.value, f.fix.value) for f in findings] == [
        (6, 30, "ML204", "warning", "manual"),
        (7, 22, "ML204", "warning", "manual"),
    ]
    assert [f.message for f in findings] == [
        "field Settings.llm = CommonLLMNames.GPT_4O.value is a member of lmi.CommonLLMNames, "
        f"{SPELLS} 'gpt-4o', which maps to 'acme-large' on Acme Cloud: write 'acme-large' "
        "there instead, by hand",
        "attribute Settings.embedding = CommonLLMNames.TEXT_EMBEDDING_3_SMALL is a member of "
        f"lmi.CommonLLMNames, {SPELLS} 'text-embedding-3-small', which maps to 'acme-embed' on "
        "Acme Cloud: write 'acme-embed' there instead, by hand",
    ]
    assert findings[0].data == {
        "model_from": "gpt-4o",
        "member": "CommonLLMNames.GPT_4O.value",
        "model_to": "acme-large",
    }
    assert all(f.edit is None for f in findings)
    after, _ = migrate_text(PAPERQA, "python", "app.py", findings)
    assert after == PAPERQA


def test_a_project_calling_litellm_is_told_both_forms(registry) -> None:
    [finding] = model_findings(
        registry,
        HEAD + "class S(BaseModel):\n    agent_llm: str = CommonLLMNames.GPT_4O_MINI\n",
        litellm_project=True,
    )
    assert finding.message == (
        "attribute S.agent_llm = CommonLLMNames.GPT_4O_MINI is a member of lmi.CommonLLMNames, "
        f"{SPELLS} 'gpt-4o-mini', which maps to 'acme-small' on Acme Cloud: a module of this "
        "project calls litellm, which sends a model without a provider prefix to OpenAI: write "
        "'acme/acme-small' where it reaches litellm, 'acme-small' where it reaches an OpenAI "
        "client, by hand"
    )


def test_a_module_calling_litellm_is_told_its_route(registry) -> None:
    text = (
        "import litellm\nimport lmi\n\n\n"
        "def ask(q, model=lmi.CommonLLMNames.GPT_4_1.value):\n"
        "    return litellm.completion(model=model, messages=q)\n"
    )
    [finding] = model_findings(registry, text)
    assert finding.message == (
        f"default of model = lmi.CommonLLMNames.GPT_4_1.value is a member of lmi.CommonLLMNames, "
        f"{SPELLS} 'gpt-4.1', which maps to 'acme-large' on Acme Cloud: this module calls "
        "litellm, which sends a model without a provider prefix to OpenAI: write "
        "'acme/acme-large' there instead, by hand"
    )


def test_a_model_the_table_does_not_map_is_left_to_choose(registry) -> None:
    text = HEAD + "class S(BaseModel):\n    fast_model: str = CommonLLMNames.O3_MINI\n"
    [finding] = model_findings(registry, text)
    assert finding.message == (
        "attribute S.fast_model = CommonLLMNames.O3_MINI is a member of lmi.CommonLLMNames, "
        f"{SPELLS} 'o3-mini', which Acme Cloud's table maps to no model: write one of Acme "
        "Cloud's models there instead, by hand"
    )
    assert finding.data == {"model_from": "o3-mini", "member": "CommonLLMNames.O3_MINI"}


def test_without_a_provider_the_member_is_named(registry) -> None:
    [finding] = model_findings(registry, PAPERQA.rsplit("\n", 2)[0] + "\n", provider=None)
    assert finding.message == (
        f"field Settings.llm = CommonLLMNames.GPT_4O.value is a member of lmi.CommonLLMNames, "
        f"{SPELLS} 'gpt-4o'; `--provider ID` shows its replacement"
    )
    assert model_findings(registry, PAPERQA, provider="openai") == []


@pytest.mark.parametrize(
    "text",
    [
        # the module's own enum: its literal is what ML205 reports
        "from enum import Enum\n\n\nclass Names(str, Enum):\n    GPT_4O = 'x'\n\n\n"
        "class S:\n    llm: str = Names.GPT_4O.value\n",
        # the project's own: relative, or a package named by the module's path
        "from .names import Names\n\n\nclass S:\n    llm: str = Names.GPT_4O\n",
        "from app.names import Names\n\n\nclass S:\n    llm: str = Names.GPT_4O\n",
        # not a model setting, not a model name, not the value
        "from lmi import Names\n\nprint(Names.GPT_4O)\n",
        "from lmi import Names, LiteLLMModel\n\nm = LiteLLMModel(name=Names.GPT_4O.value)\n",
        "from lmi import Names\n\n\nclass S:\n    llm: str = Names.CLAUDE_37_SONNET.value\n",
        "from lmi import Names\n\n\nclass S:\n    llm: str = Names.GPT_4O.name\n",
        "from lmi import Names\n\n\nclass S:\n    lookup_table: str = Names.GPT_4O\n",
        # a member of a name the module does not import
        "class S:\n    def f(self):\n        self.llm = self.GPT_4O\n",
    ],
    ids=[
        "own-enum",
        "relative",
        "own-package",
        "printed",
        "name-keyword",
        "not-openai",
        "member-name",
        "not-a-model-name",
        "self",
    ],
)
def test_members_that_are_no_foreign_model_setting_are_not_reported(registry, text) -> None:
    assert [f.rule for f in model_findings(registry, text) if "member of" in f.message] == []


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("GPT_4O", "gpt-4o"),
        ("GPT_4O_MINI", "gpt-4o-mini"),
        ("gpt_4o", "gpt-4o"),
        ("TEXT_EMBEDDING_3_SMALL", "text-embedding-3-small"),
        ("O3_MINI", "o3-mini"),
        ("GPT_4_1_MINI", "gpt-4.1-mini"),
        ("GPT_3_5_TURBO", "gpt-3.5-turbo"),
        ("GPT_4_0613", "gpt-4-0613"),
        ("CLAUDE_37_SONNET", None),
        ("OPENAI_BASELINE", None),
        ("GPT4O", None),
    ],
)
def test_member_names_are_read_against_the_registry(registry, name, model) -> None:
    assert member_model(name, registry.openai.serves) == model


def test_the_prefilter_reads_a_module_naming_a_member_in_code_only(registry) -> None:
    python = prefilters(registry.openai)["python"]
    code = "from lmi import CommonLLMNames\n\nLLM = CommonLLMNames.GPT_4O.value\n"
    assert python.search(code)
    assert python.in_code(code, __import__("ast").parse(code))
    comment = "import os\n\n# default: CommonLLMNames.GPT_4O\nx = os.sep\n"
    assert not python.in_code(comment, __import__("ast").parse(comment))
    assert not python.search("import os\n\nx = os.path.join\n")


def test_check_fails_on_a_settings_module_with_no_literal(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "settings.py").write_text(
        "from lmi import CommonLLMNames, LiteLLMModel\nfrom pydantic import Field\n"
        "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n"
        "    llm: str = Field(default=CommonLLMNames.GPT_4O.value)\n"
    )
    monkeypatch.chdir(tmp_path)
    args = ["check", ".", "--providers-dir", str(ACME_DIR), "--provider", "acme"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert (finding["path"], finding["line"], finding["column"]) == ("settings.py", 7, 30)
    assert (finding["rule"], finding["fix"], finding["data"]["model_to"]) == (
        "ML204",
        "manual",
        "acme-large",
    )


@pytest.mark.parametrize("package", [False, True])
def test_a_module_of_the_project_is_read_not_called_another_packages(
    tmp_path: Path, monkeypatch, package: bool
) -> None:
    """chatgpt-on-wechat's `from common import const` then `const.GPT_41_MINI`, beside a
    `common/const.py` (a namespace package, or one with `__init__.py`), is the project's own
    constant, which ML204 maps where it is written, as for `from common.const import X`: no
    finding in the module reading it, before or after `apply` (t54d: 8 in `check`)."""
    (tmp_path / "common").mkdir()
    (tmp_path / "voice").mkdir()
    if package:
        (tmp_path / "common" / "__init__.py").write_text("")
        (tmp_path / "voice" / "__init__.py").write_text("")
    (tmp_path / "common" / "const.py").write_text('GPT_41_MINI = "gpt-4.1-mini"\n')
    (tmp_path / "voice" / "tool.py").write_text(
        "from common import const\n\nDEFAULT_MODEL = const.GPT_41_MINI\n"
    )
    monkeypatch.chdir(tmp_path)
    args = ["--providers-dir", str(ACME_DIR), "--provider", "acme", "--no-cache"]
    scanned = CliRunner().invoke(app, ["scan", ".", *args, "--format", "json"])
    found = [(f["path"], f["line"], f["rule"]) for f in json.loads(scanned.stdout)["findings"]]
    assert found == [("common/const.py", 1, "ML204")]
    assert CliRunner().invoke(app, ["apply", ".", *args, "--yes"]).exit_code == 0
    assert (tmp_path / "common" / "const.py").read_text() == 'GPT_41_MINI = "acme-large"\n'
    checked = CliRunner().invoke(app, ["check", ".", *args])
    assert checked.exit_code == 0, checked.stdout


# --- framework markers that are words (trial 48a, defect 2) ------------------------------------

GUIDANCE_WORD = (
    "from lmi import embedding_model_factory\nfrom pydantic import BaseModel, Field\n\n\n"
    "class Prompts(BaseModel):\n"
    '    pre: str | None = Field(default=None, description="guidance")\n\n\n'
    "class Settings(BaseModel):\n"
    '    embedding: str = Field(default="text-embedding-3-small")\n\n'
    "    def get_embedding_model(self):\n"
    "        return embedding_model_factory(self.embedding)\n"
)


def test_the_word_guidance_makes_no_guidance_module(registry) -> None:
    [finding] = model_findings(registry, GUIDANCE_WORD, litellm_project=True)
    assert (finding.rule, finding.fix.value, finding.edit) == ("ML204", "manual", None)
    assert finding.message == (
        "field Settings.embedding = 'text-embedding-3-small' maps to 'acme-embed' on Acme Cloud, "
        "but a module of this project calls litellm, which sends a model without a provider "
        "prefix to OpenAI, and nothing here shows where this one goes: write 'openai/acme-embed' "
        "with Acme Cloud's api_base and key where it reaches litellm, 'acme-embed' where it "
        "reaches an OpenAI client, by hand"
    )
    # an import of guidance is a client of its own: the setting is mapped as for it
    imported = "from guidance import models\n" + GUIDANCE_WORD
    [finding] = model_findings(registry, imported, litellm_project=True)
    assert (finding.fix.value, finding.edit is not None) == ("review", True)


@pytest.mark.parametrize(
    ("text", "framework", "guidance"),
    [
        ('x = Field(description="question-specific guidance later")\n', False, False),
        ("def diagnose(haystack):\n    return 'needle' in haystack\n", False, False),
        ("from guidance import models\n", True, True),
        ("def f():\n    import guidance.models as m\n", True, True),
        ("import haystack\n", True, False),
        ("from haystack_experimental.components import X\n", True, False),
        ("llm = agno.models.openai.OpenAIChat(id='gpt-4o')\n", True, False),
        ("from langchain_openai import ChatOpenAI\n", True, False),
    ],
)
def test_framework_markers_that_are_words_need_an_import(registry, text, framework, guidance):
    ctx = PythonContext(cst.parse_module(text), RuleContext(registry), text)
    assert (mentions_framework(ctx), imports_guidance(ctx)) == (framework, guidance)
