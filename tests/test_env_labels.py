"""ML401 on a label naming OpenAI's key variable beside its read in one f-string (paper-qa's
settings tutorial, trial 48a): renamed with the read, else a note to reword."""

from __future__ import annotations

import pytest

from migrate_llm.engine import FileScanner
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

from .notebook_builder import STYLES, cell, notebook

SHOWN = "    f\"{name}:    {{'is set' if os.environ['{read}'] else 'is not set'}}\"\n"


def printed(name: str, read: str) -> str:
    return "import os\n\nprint(\n" + SHOWN.format(name=name, read=read) + ")\n"


def labels(registry, text: str):
    ctx = RuleContext(registry, registry.get("acme"))
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML401"]
    return [(f.line, f.column, f.severity.value, f.fix.value, f.message) for f in found]


def test_the_label_is_renamed_with_its_read_in_a_notebook(registry, tmp_path) -> None:
    before = notebook(
        cell('os.environ["OPENAI_API_KEY"] = ""\n' + printed("OPENAI_API_KEY", "OPENAI_API_KEY"))
    )
    after = notebook(
        cell('os.environ["OPENAI_API_KEY"] = ""\n' + printed("ACME_API_KEY", "ACME_API_KEY"))
    )
    text = STYLES["jupyter"](before)
    scanner = FileScanner(RuleContext(registry, registry.get("acme")), tmp_path)
    change = scanner.migrate_text(text, "notebook", "tutorial.ipynb", "tutorial.ipynb")
    assert change.after == STYLES["jupyter"](after)
    label = next(f for f in change.findings if "beside its read" in f.message)
    assert (label.cell, label.line, label.column, label.fix.value) == (1, 5, 7, "safe")
    assert (label.data["variable_from"], label.data["variable_to"]) == (
        "OPENAI_API_KEY",
        "ACME_API_KEY",
    )
    again = scanner.migrate_text(change.after, "notebook", "tutorial.ipynb", "tutorial.ipynb")
    assert again.after == change.after


@pytest.mark.parametrize(
    "text",
    [
        # no read in the f-string: the message alone
        'import os\n\nprint(f"set OPENAI_API_KEY: {os.sep}")\n',
        # the label names another variable than the read
        printed("OPENAI_BASE_URL", "OPENAI_API_KEY"),
    ],
    ids=["no-read", "other-variable"],
)
def test_a_label_not_beside_its_renamed_read_stays_a_note(registry, text) -> None:
    notes = [f for f in labels(registry, text) if "in a message" in f[4]]
    assert [(severity, fix) for _, _, severity, fix, _ in notes] == [("note", "manual")]
    assert notes[0][4].startswith("names OPENAI_")
    assert "reword it" in notes[0][4]


def test_a_label_beside_the_key_it_prints_is_a_leak(registry) -> None:
    # s64: the f-string prints the key itself (before: a note to reword): two text parts or
    # one, no label edit, a warning to remove or mask it (`printed_keys`)
    for text in (
        "import os\n\nprint(f\"OPENAI_API_KEY {os.environ['OPENAI_API_KEY']} OPENAI_API_KEY\")\n",
        "import os\n\nprint(f\"OPENAI_API_KEY: {os.environ['OPENAI_API_KEY']}\")\n",
    ):
        notes = [f for f in labels(registry, text) if "in a message" in f[4]]
        assert notes == [
            (
                3,
                7,
                "warning",
                "manual",
                "names OPENAI_API_KEY in a message that prints the key itself "
                "(`os.environ['OPENAI_API_KEY']`): a secret leaking into the output and logs, "
                "whichever variable it comes from; remove the key from this line or mask it, "
                "by hand",
            )
        ]
