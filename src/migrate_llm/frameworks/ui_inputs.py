"""What the text boxes of web UI frameworks look like, where a person types a key (ML001, ML601).

A Streamlit app asks for the key in `st.text_input("OpenAI API Key", type="password",
placeholder=..., help=...)` and returns what is typed; a Gradio app builds `gr.Textbox(label=
"OpenAI API Key", type="password")` and hands its value to the function an event runs. Where
that value becomes a client's key, the key goes to the provider once `apply` has run, so the
box's label and hints must ask for the provider's key (`rules/key_prompts.py`). Knowledge of
the frameworks only; a provider's key page is in `providers/*.toml` (`key_page`).

Checked against streamlit 1.x (`text_input(label, value="", max_chars=None, key=None,
type="default", help=None, ..., placeholder=None, ...)`; `with st.sidebar:` places it in the
sidebar) and gradio 3.x to 5.x (`Textbox(value=..., *, ..., placeholder=None, label=None,
info=None, ...)`: the label is keyword-only, the first positional is the value; a listener
such as `button.click(fn, inputs=[...], outputs=...)` passes the inputs' values to `fn`'s
parameters in order, `Interface(fn, inputs, outputs)` likewise, and `ChatInterface(fn, ...,
additional_inputs=[...])` after the message and the history).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextInput:
    """A text box: the position its label may be given at (None: by `label=` only), the
    keywords of the texts shown beside it (`hints`), the position of the value it shows
    before anything is typed (`VALUE=` also), and the keyword under which Streamlit's session
    state also keeps its value (`state_key`)."""

    label_position: int | None
    hints: tuple[str, ...]
    value_position: int
    state_key: str | None = None


LABEL = "label"
VALUE = "value"
_STREAMLIT = TextInput(0, ("help", "placeholder"), 1, "key")
_GRADIO = TextInput(None, ("info", "placeholder"), 0)
TEXT_INPUTS: dict[str, TextInput] = {
    "streamlit.text_input": _STREAMLIT,
    "streamlit.sidebar.text_input": _STREAMLIT,
    "gradio.Textbox": _GRADIO,
    "gradio.components.Textbox": _GRADIO,
    "gradio.components.textbox.Textbox": _GRADIO,
}
# Containers a Streamlit box is placed in by `with`: the texts written in the same block are
# those shown beside it (llm-examples' "[Get an OpenAI API key](https://platform...)").
CONTAINERS = frozenset({"streamlit.sidebar"})
SESSION_STATE = "streamlit.session_state"


@dataclass(frozen=True)
class Handler:
    """A call that runs a function with the values of UI components: where it is given the
    function (`fn_position` or `fn=`) and the components (`inputs_position` or `inputs`), and
    how many arguments the function gets before theirs (`skipped`)."""

    fn_position: int | None
    inputs: str
    inputs_position: int | None = None
    skipped: int = 0


# Gradio's event listeners (methods of a component or of what a listener returns), by method
EVENT_LISTENERS = frozenset(
    {"click", "submit", "change", "input", "blur", "focus", "select", "upload", "then", "success"}
)
LISTENER = Handler(0, "inputs", 1)
HANDLERS: dict[str, Handler] = {
    "gradio.Interface": Handler(0, "inputs", 1),
    "gradio.ChatInterface": Handler(0, "additional_inputs", None, 2),
}
FN = "fn"
