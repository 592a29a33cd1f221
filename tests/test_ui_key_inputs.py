"""A key typed into a web UI's text box (Streamlit's `text_input`, Gradio's `Textbox`) that
becomes a client's key: its label and hints are reworded for the provider, OpenAI's key page
becoming the provider's where its file names one (t50e: knowledge_gpt's sidebar asked for an
OpenAI key, which then went to SiliconFlow)."""

from __future__ import annotations

from migrate_llm.engine import migrate_text
from migrate_llm.rules import PYTHON_RULES
from migrate_llm.rules.base import RuleContext
from migrate_llm.rules.python import check_python

PAGE = "https://platform.openai.com/account/api-keys"
STREAMLIT = f"""import streamlit as st
from openai import OpenAI

with st.sidebar:
    key = st.text_input(
        "OpenAI API Key",
        type="password",
        placeholder="Paste your OpenAI API key here (sk-...)",
        help="You can get your API key from {PAGE}.",
    )

client = OpenAI(api_key=key)
"""
GRADIO = """import gradio as gr
from openai import OpenAI


def answer(api_key, question):
    client = OpenAI(api_key=api_key)
    return client.models.list()


with gr.Blocks() as demo:
    key = gr.Textbox("", label="OpenAI API Key", type="password", info="From {page}")
    question = gr.Textbox(label="Question")
    gr.Button("Ask").click(answer, inputs=[key, question], outputs=question)
"""


def prompt_rows(registry, text, provider, region=None):
    ctx = RuleContext(registry, registry.get(provider), region)
    found = [f for f in check_python(text, ctx, PYTHON_RULES) if f.rule == "ML001"]
    return [(f.line, f.fix.value, f.message) for f in found if "prompt" in f.message]


def migrated(registry, text, provider):
    ctx = RuleContext(registry, registry.get(provider))
    found = check_python(text, ctx, PYTHON_RULES)
    after, _ = migrate_text(text, "python", "app.py", found)
    again = check_python(after, ctx, PYTHON_RULES)
    assert [f.message for f in again if f.edit is not None] == []
    return after


def test_a_streamlit_help_text_gets_the_providers_key_page(registry):
    assert prompt_rows(registry, STREAMLIT, "siliconflow")[2] == (
        9,
        "review",
        f"the help= of the prompt on line 5, 'You can get your API key from {PAGE}.', names "
        "OpenAI's key, and the key typed there goes to SiliconFlow; apply writes \"You can get "
        'your API key from https://cloud.siliconflow.cn/account/ak."',
    )
    after = migrated(registry, STREAMLIT, "siliconflow")
    assert '        "SiliconFlow API Key",\n' in after
    assert 'placeholder="Paste your SiliconFlow API key here (sk-...)",' in after
    assert 'help="You can get your API key from https://cloud.siliconflow.cn/account/ak.",' in after


def test_without_a_key_page_the_url_is_left_to_a_person(registry):
    assert prompt_rows(registry, STREAMLIT, "deepseek")[2] == (
        9,
        "manual",
        f"the help= of the prompt on line 5, 'You can get your API key from {PAGE}.', names "
        "OpenAI's key, and the key typed there goes to DeepSeek: make it tell how to get a "
        "DeepSeek key, by hand",
    )
    # the key page is the default region's: the global site's console is another one
    assert prompt_rows(registry, STREAMLIT, "siliconflow", "intl")[2][1] == "manual"


def test_a_gradio_box_whose_value_an_event_hands_to_the_client_is_reworded(registry):
    text = GRADIO.replace("{page}", "https://platform.openai.com/api-keys")
    assert prompt_rows(registry, text, "siliconflow") == [
        (
            6,
            "review",
            "OpenAI() talks to OpenAI; for SiliconFlow the base URL comes from "
            "SILICONFLOW_BASE_URL (default https://api.siliconflow.cn/v1) and the key typed at "
            "run time (line 11) goes there: the prompt must ask for a SiliconFlow key",
        ),
        (
            11,
            "review",
            "the prompt 'OpenAI API Key' asks for an OpenAI key, and the key typed there goes to "
            'SiliconFlow; apply writes "SiliconFlow API Key"',
        ),
        (
            11,
            "review",
            "the info= of the prompt on line 11, 'From https://platform.openai.com/api-keys', "
            "names OpenAI's key, and the key typed there goes to SiliconFlow; apply writes "
            '"From https://cloud.siliconflow.cn/account/ak"',
        ),
    ]
    after = migrated(registry, text, "siliconflow")
    assert (
        '    key = gr.Textbox(\n        "",\n        label="SiliconFlow API Key",\n'
        '        type="password",\n        info="From https://cloud.siliconflow.cn/account/ak",\n'
        "    )\n"
    ) in after


def test_gradio_interface_hands_its_inputs_in_order(registry):
    text = GRADIO.replace(
        '    gr.Button("Ask").click(answer, inputs=[key, question], outputs=question)\n',
        'gr.Interface(answer, [key, question], "text")\n',
    ).replace("{page}", "the console")
    assert [r[0] for r in prompt_rows(registry, text, "siliconflow")] == [6, 11]


def test_a_box_handed_to_another_parameter_is_not_the_key(registry):
    text = GRADIO.replace("inputs=[key, question]", "inputs=[question, key]")
    found = prompt_rows(registry, text.replace("{page}", "x"), "siliconflow")
    assert "key typed at run time (line 12)" in found[0][2]  # typed into "Question"
    assert not any("the prompt 'OpenAI API Key'" in r[2] for r in found)
