"""Menus of models (ML205, rules/model_menus.py): the options of a Streamlit menu whose choice
the program sends as a model are mapped in place, once each, the first staying the default
(t50e: knowledge_gpt's widened `MODEL_LIST` kept `gpt-3.5-turbo` first, which SiliconFlow
refused, and check was green once its `"gpt" in model` test was fixed)."""

from __future__ import annotations

import pytest

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python


def ml205(registry, text: str) -> tuple[list[tuple[int, str, str, str]], str]:
    """(line, severity, fix, message) of ML205's findings, and the text after their edits,
    which a second run leaves as it is."""
    ctx = RuleContext(registry, registry.get("acme"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML205"]
    after, _ = migrate_text(text, "python", "app.py", findings)
    again = [f for f in check_python(after, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert again == []
    return [(f.line, f.severity.value, f.fix.value, f.message) for f in findings], after


HEAD = "import streamlit as st\n\n"


def test_a_sidebar_menu_is_mapped_in_place_once_each(registry):
    text = (
        HEAD + "MODELS = [\n"
        '    "gpt-4",\n'
        '    "gpt-4o",\n'
        '    "gpt-3.5-turbo",\n'
        "]\n"
        'llm_model = st.sidebar.radio("LLM", MODELS)\n'
        "run(llm_model)\n"
    )
    findings, after = ml205(registry, text)
    assert findings == [
        (
            4,
            "warning",
            "review",
            "'gpt-4', 'gpt-4o', 'gpt-3.5-turbo' in a list are OpenAI model ids, the options of "
            "st.sidebar.radio() on line 8, whose choice (`llm_model`) names the model the program "
            "uses, the first by default: apply writes what they map to ('acme-large', "
            "'acme-small'), once each",
        )
    ]
    assert after == text.replace(
        '    "gpt-4",\n    "gpt-4o",\n    "gpt-3.5-turbo",\n',
        '    "acme-large",\n    "acme-small",\n',
    )


@pytest.mark.parametrize(
    ("menu", "after"),
    [
        pytest.param(
            'st.selectbox("Model", ("gpt-4o-mini", "gpt-4o", "gpt-4"), index=0)',
            'st.selectbox("Model", ("acme-small", "acme-large"), index=0)',
            id="the-first-by-index-last-ones-merged",
        ),
        pytest.param(
            'st.select_slider("Model", options=["gpt-4o", "gpt-4o-mini"])',
            'st.select_slider("Model", options=["acme-large", "acme-small"])',
            id="a-slider-by-keyword",
        ),
    ],
)
def test_a_menu_given_its_options_in_place_is_mapped(registry, menu, after):
    text = HEAD + f"choice = {menu}\nclient.chat.completions.create(model=choice)\n"
    findings, migrated = ml205(registry, text)
    assert [(line, fix) for line, _, fix, _ in findings] == [(3, "review")]
    assert "sends as model= on line 4" in findings[0][3]
    assert migrated == text.replace(menu, after)


@pytest.mark.parametrize(
    ("menu", "why"),
    [
        pytest.param(
            'st.selectbox("Model", ["gpt-4o", "gpt-4"], index=1)',
            "'gpt-4o', 'gpt-4' in a list are OpenAI model ids, the options of st.selectbox() on "
            "line 3, whose choice (`choice`) the program sends as model_name= on line 4, which "
            "Acme Cloud does not serve; apply leaves them: index= picks the default option by "
            "position, and two of them map to one model, written once; change them to Acme "
            "Cloud's models (gpt-4o -> acme-large, gpt-4 -> acme-large) by hand",
            id="a-later-default-by-position",
        ),
        pytest.param(
            'st.selectbox("Model", ["gpt-4o-mini", "gpt-4o"], format_func=LABELS.get)',
            "'gpt-4o-mini', 'gpt-4o' in a list are OpenAI model ids, the options of "
            "st.selectbox() on line 3, whose choice (`choice`) the program sends as model_name= "
            "on line 4, the first by default, which Acme Cloud does not serve; apply leaves "
            "them: the menu shows its options through format_func= (line 3), which may look "
            "them up by OpenAI id; change them to Acme Cloud's models (gpt-4o-mini -> "
            "acme-small, gpt-4o -> acme-large) by hand",
            id="labels-of-the-programs-own",
        ),
        pytest.param(
            'st.selectbox("Model", ["gpt-4o", "o3-mini"])',
            "'gpt-4o', 'o3-mini' in a list are OpenAI model ids, the options of st.selectbox() "
            "on line 3, whose choice (`choice`) the program sends as model_name= on line 4, the "
            "first by default, which Acme Cloud does not serve: change them to Acme Cloud's "
            "models (gpt-4o -> acme-large) by hand",
            id="a-model-the-table-does-not-map",
        ),
    ],
)
def test_a_menu_apply_cannot_map_is_an_error(registry, menu, why):
    text = HEAD + f"choice = {menu}\nrun(model_name=choice)\n"
    ctx = RuleContext(registry, registry.get("acme"))
    findings = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML205"]
    assert [(f.line, f.severity.value, f.fix.value, f.message) for f in findings] == [
        (3, "error", "manual", why)
    ]
    assert findings[0].edit is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            HEAD + 'MODELS = ["gpt-4o", "gpt-4o-mini"]\nshown = st.selectbox("Pick", MODELS)\n'
            "st.write(shown)\n",
            id="a-choice-only-shown",
        ),
        pytest.param(
            'MODELS = ["gpt-4o", "gpt-4o-mini"]\nmodel = ui.selectbox("Model", MODELS)\n'
            "run(model=model)\n",
            id="another-librarys-selectbox",
        ),
    ],
)
def test_a_list_no_menu_sends_is_widened_as_before(registry, text):
    findings, after = ml205(registry, text)
    assert [fix for _, _, fix, _ in findings] == ["review"]
    assert findings[0][3].endswith(
        "apply adds what they map to ('acme-large', 'acme-small') beside them"
    )
    assert '["gpt-4o", "gpt-4o-mini", "acme-large", "acme-small"]' in after
