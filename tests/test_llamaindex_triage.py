"""The `ast` triage of LlamaIndex's default models (`migrate_llm.llamaindex_triage`): which
modules are worth libcst's parse for ML612, and that it never drops one ML612 reports."""

from __future__ import annotations

import ast
import json

import pytest
from typer.testing import CliRunner

from migrate_llm.cli import app
from migrate_llm.llamaindex_triage import may_use_defaults

BOTH = frozenset({"llm", "embed_model"})
HEAD = "from llama_index.core import Settings, VectorStoreIndex\n"


@pytest.mark.parametrize(
    ("body", "unset", "expected"),
    [
        ("index = VectorStoreIndex.from_documents(docs)\n", BOTH, True),
        ("index = VectorStoreIndex.from_documents(docs, embed_model=embed)\n", BOTH, False),
        ("index = VectorStoreIndex.from_documents(docs, embed_model=None)\n", BOTH, True),
        ("index = VectorStoreIndex.from_documents(docs)\n", frozenset({"llm"}), False),
        ("engine = index.as_query_engine()\n", frozenset({"llm"}), True),
        ("engine = index.as_query_engine(llm=llm)\n", BOTH, False),
        ("engine = index.as_query_engine(service_context=ctx)\n", BOTH, False),
        # a mapping not shown holds no model for ML612 (t55b D2; before: False, skipped)
        ("engine = index.as_query_engine(**options)\n", BOTH, True),
        ("engine = index.as_query_engine(**self.options)\n", BOTH, True),
        ('options = {"llm": llm}\nengine = index.as_query_engine(**options)\n', BOTH, False),
        # a parameter of the function making the call: its callers decide (as ML612)
        ("def ask(index, **options):\n    return index.as_query_engine(**options)\n", BOTH, False),
        ("def ask(index, options):\n    return index.as_query_engine(**options)\n", BOTH, False),
        ("def ask(index, **kw):\n    return index.as_query_engine(**options)\n", BOTH, True),
        ("index = core.VectorStoreIndex(nodes)\n", BOTH, True),
        ("index = MyVectorStoreIndex(nodes)\n", BOTH, False),
        # LlamaIndex's own modules: a bare read of the setting is no use of the default
        ("llm = llm or Settings.llm\n", BOTH, False),
        ("text = Settings.llm.complete('hi')\n", BOTH, True),
        ("text = Settings.llm.complete('hi')\n", frozenset({"embed_model"}), False),
        ("vector = Settings.embed_model.get_text_embedding('hi')\n", BOTH, True),
        # calls the walk reaches through operators, comparisons, `not`, a lambda and a
        # comprehension (it steps over the operator nodes themselves)
        ("ok = not index.as_query_engine() and x < -1\n", BOTH, True),
        ("ok = n + len(Settings.llm.complete('hi')) > 0 or y\n", BOTH, True),
        ("make = lambda docs: VectorStoreIndex.from_documents(docs)\n", BOTH, True),
        (
            "make = lambda docs, embed_model: VectorStoreIndex(docs, embed_model=embed_model)\n",
            BOTH,
            False,
        ),
        ("engines = [i.as_query_engine() for i in indexes if i is not None]\n", BOTH, True),
        ("engines = [i.as_query_engine(llm=llm) for i in indexes if not i]\n", BOTH, False),
    ],
)
def test_may_use_defaults(body, unset, expected):
    assert may_use_defaults(ast.parse(HEAD + body), unset) is expected


def test_modules_the_triage_keeps_and_drops_give_the_same_findings(tmp_path):
    """Scanned whole, a project where one module passes its models and one does not: ML612 on
    the second only, as without the triage."""
    (tmp_path / "given.py").write_text(
        HEAD + "index = VectorStoreIndex.from_documents(docs, embed_model=embed)\n"
        "engine = index.as_query_engine(llm=llm)\n"
    )
    (tmp_path / "default.py").write_text(HEAD + "index = VectorStoreIndex.from_documents(docs)\n")
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--format", "json", "--no-cache"])
    findings = json.loads(result.stdout)["findings"]
    assert [(f["path"].rsplit("/", 1)[-1], f["rule"], f["line"]) for f in findings] == [
        ("default.py", "ML612", 2)
    ]
