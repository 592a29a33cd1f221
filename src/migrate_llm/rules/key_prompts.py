"""The text of a prompt at which a person types the key a call sends to the provider (ML001,
ML601, ML611, ML640, ML680) or that is stored in the provider's variable (ML404), and the
texts beside it that tell the person which key to get (`prompt_texts`): reworded by `apply`
where they name OpenAI's key in a known way, else left to a person."""

from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from migrate_llm import openai_sdk as sdk
from migrate_llm.edits import apply_edits
from migrate_llm.frameworks import ui_inputs as ui
from migrate_llm.model import Edit, FixClass, Severity, Span
from migrate_llm.registry import Provider
from migrate_llm.rules.env_names import env_names
from migrate_llm.rules.models import article
from migrate_llm.rules.python import PythonRule, snippet
from migrate_llm.rules.python_context import PythonContext, string_value
from migrate_llm.rules.rewrite import string_like
from migrate_llm.secrets import mask_secrets

# "OpenAI key", "OpenAI API key", "Open AI api key": the provider's name takes OpenAI's
_OPENAI_KEY = re.compile(r"\bopen ?ai(?=\s+(?:api\s+)?key\b)", re.IGNORECASE)
# the same name with the space after it: `OpenAI ` of "enter your OpenAI API key here"
_OPENAI_KEY_WORD = re.compile(r"\bopen ?ai\s+(?=(?:api\s+)?key\b)", re.IGNORECASE)
_OPENAI_VARIABLE = re.compile(r"\bOPENAI_API_KEY\b")
_KEY_WORD = re.compile(r"key|token", re.IGNORECASE)


@dataclass(frozen=True)
class PromptWording:
    """A prompt's text that names OpenAI at `node`, as messages show it (`shown`), and the
    literal `apply` writes in its place (None: left to a person)."""

    node: cst.BaseExpression
    shown: str
    new: str | None

    def edit(self, ctx: PythonContext) -> Edit | None:
        return Edit(ctx.span(self.node), self.new) if self.new is not None else None

    def written_in(self, ctx: PythonContext, node: cst.CSTNode) -> str | None:
        """The code of `node` with this text reworded, where `apply` rewords it and it is
        written in `node` (the key an edit keeps: that edit then writes the new text); else
        None."""
        edit = self.edit(ctx)
        whole = ctx.span(node)
        if edit is None or not (whole.start <= edit.span.start and edit.span.end <= whole.end):
            return None
        local = Edit(Span(edit.span.start - whole.start, edit.span.end - whole.start), edit.text)
        return apply_edits(ctx.code(node), [local])[0]


def reworded(text: str, provider: Provider) -> str | None:
    """`text` asking for the provider's key where it names OpenAI's only as `OpenAI key`,
    `OpenAI API key` (any case), `OPENAI_API_KEY` or OpenAI's key page (the provider's
    `key_page` in its place, where its file names one); None where OpenAI is named otherwise
    (`platform.openai.com` of a provider without a key page)."""
    new = _OPENAI_VARIABLE.sub(provider.api_key_env, text)
    new = _OPENAI_KEY.sub(provider.name, new)
    if provider.key_page is not None:
        new = sdk.OPENAI_KEY_PAGE_URL.sub(provider.key_page, new)
    return None if "openai" in new.lower() else new


def unnamed(text: str) -> str | None:
    """`text` with OpenAI's name taken out where it names OpenAI's key only as `OpenAI key`
    or `OpenAI API key` (any case): "enter your API key here"; None where OpenAI is named
    otherwise."""
    new = _OPENAI_KEY_WORD.sub("", text)
    return None if "openai" in new.lower() or "open ai" in new.lower() else new


def prompt_wording(ctx: PythonContext, prompt: cst.Call) -> PromptWording | None:
    """The text of `prompt` (`input(...)`, `getpass.getpass(...)`, prompt_toolkit's
    `prompt(...)`; of its builder where a builder's method asks, `questionary.password(
    "...").ask()`: `sdk.PROMPT_BUILDERS`) where it names OpenAI, or None. Only a string
    literal written in the call is reworded: a constant, an f-string or a concatenation is
    left to a person."""
    provider = ctx.rules.provider
    node = prompt_text(ctx, prompt)
    if provider is None or node is None:
        return None
    text = string_value(node) if isinstance(node, cst.SimpleString) else None
    if text is not None:
        new = reworded(text, provider)
        shown = repr(text.strip())
    else:
        resolved = ctx.resolve_literal(node) if isinstance(node, cst.Name) else None
        text = resolved[1] if resolved is not None else ctx.code(node)
        new, shown = None, f"`{snippet(ctx, node)}`"
    if "openai" not in text.lower():
        return None
    return PromptWording(node, shown, string_like(node, new) if new is not None else None)


def stored_prompt(ctx: PythonContext, name: cst.BaseExpression) -> cst.Call | None:
    """The prompt (`input(...)`, `getpass(...)`: `EnvNames.is_prompt`) whose answer the
    module stores under `name`, a string naming a key variable: the key of a subscript it is
    assigned to (shell_gpt's `defaults["OPENAI_API_KEY"] = __api_key`, `__api_key` bound to
    `getpass(...)`) or of a dict display's entry holding it (`{"OPENAI_API_KEY": getpass(
    ...)}`); else None. Only that direct assignment, in this module."""
    names = env_names(ctx)
    parent = names.parent(name)
    if isinstance(parent, cst.DictElement) and parent.key is name:
        return names.is_prompt(parent.value)
    element = names.parent(parent) if isinstance(parent, cst.Index) else None
    subscript = names.parent(element) if isinstance(element, cst.SubscriptElement) else None
    if not isinstance(subscript, cst.Subscript) or len(subscript.slice) != 1:
        return None
    target = names.parent(subscript)
    assign = names.parent(target) if isinstance(target, cst.AssignTarget) else None
    return names.is_prompt(assign.value) if isinstance(assign, cst.Assign) else None


def prompt_text(ctx: PythonContext, prompt: cst.Call) -> cst.BaseExpression | None:
    """The expression giving `prompt`'s text: its own (a web UI's text box: its label,
    `ui.TEXT_INPUTS`), else its builder's."""
    box = text_box(ctx, prompt)
    if box is not None:
        return _label(prompt, box)
    node = _text_argument(ctx, prompt)
    if node is None and (builder := env_names(ctx).prompt_builder(prompt)) is not None:
        node = _text_argument(ctx, builder)
    return node


def text_box(ctx: PythonContext, prompt: cst.Call) -> ui.TextInput | None:
    """What a web UI's text box `prompt` is (`ui.TEXT_INPUTS`), None for another prompt."""
    return next(
        (ui.TEXT_INPUTS[n] for n in sorted(ctx.qualnames(prompt.func)) if n in ui.TEXT_INPUTS), None
    )


def prefilled_box(ctx: PythonContext, arg: cst.Arg, call: cst.CSTNode | None) -> cst.Call | None:
    """The text box `call` where `arg` is the value it shows before anything is typed
    (knowledge_gpt's `st.text_input("OpenAI API Key", value=os.environ.get("OPENAI_API_KEY"))`:
    that variable's key is what the box asks for), else None."""
    if not isinstance(call, cst.Call) or (box := text_box(ctx, call)) is None:
        return None
    if arg.keyword is not None:
        return call if arg.keyword.value == ui.VALUE else None
    plain = [a for a in call.args if a.keyword is None and not a.star]
    at = box.value_position
    return call if len(plain) > at and plain[at] is arg else None


def _label(prompt: cst.Call, box: ui.TextInput) -> cst.BaseExpression | None:
    """A text box's label: `label=`, or the positional argument at its place (Streamlit's
    first; none for Gradio, whose first is the value)."""
    for arg in prompt.args:
        if arg.keyword is not None and arg.keyword.value == ui.LABEL:
            return arg.value
    plain = [a for a in prompt.args if a.keyword is None and not a.star]
    at = box.label_position
    return plain[at].value if at is not None and len(plain) > at else None


def shown_text(ctx: PythonContext, node: cst.BaseExpression) -> tuple[str, cst.Call] | None:
    """Where `node` is a text shown to a person beside an input of a known prompt
    (`sdk.PROMPT_READERS`), not a value the program uses: its own text or label, or one of its
    hints (`_hints`: Streamlit's `placeholder=`, Gradio's `info=`): the keyword ("label" for a
    prompt's text) and the call; None otherwise, also for a call of the project's own."""
    parents = ctx.ancestors(node)
    if len(parents) < 2 or not isinstance(arg := parents[-1], cst.Arg):
        return None
    call = parents[-2]
    if not isinstance(call, cst.Call) or arg.value is not node:
        return None
    if not env_names(ctx).prompt_call(call):
        return None  # a project's own `setting(name, placeholder=URL)` may return it (t9)
    if prompt_text(ctx, call) is node:
        return ui.LABEL, call
    return next(((word, call) for word, value in _hints(ctx, call) if value is node), None)


def asks_for_key(ctx: PythonContext, prompt: cst.Call) -> bool:
    """Whether the text of `prompt` asks for a key: says "key" or "token" (a literal, a
    constant bound to one, or the code of an f-string or other expression)."""
    node = prompt_text(ctx, prompt)
    if node is None:
        return False
    resolved = ctx.resolve_literal(node)
    return _KEY_WORD.search(resolved[1] if resolved else ctx.code(node)) is not None


def _text_argument(ctx: PythonContext, prompt: cst.Call) -> cst.BaseExpression | None:
    """The text `prompt` is given: by a keyword of `sdk.PROMPT_TEXT_KEYWORDS`, or by position
    (the first; a dialog's at its place, `sdk.PROMPT_DIALOGS`: `input_dialog(title, text)`)."""
    dialog = _dialog(ctx, prompt)
    at = dialog[0] if dialog is not None else 0
    for i, arg in enumerate(a for a in prompt.args if not a.star):
        if arg.keyword is None and i == at:
            return arg.value
        if arg.keyword is not None and arg.keyword.value in sdk.PROMPT_TEXT_KEYWORDS:
            return arg.value
    return None


def _dialog(ctx: PythonContext, call: cst.Call) -> tuple[int, tuple[str, ...]] | None:
    return next(
        (
            sdk.PROMPT_DIALOGS[n]
            for n in sorted(ctx.qualnames(call.func))
            if n in sdk.PROMPT_DIALOGS
        ),
        None,
    )


def _hints(ctx: PythonContext, prompt: cst.Call) -> list[tuple[str, cst.BaseExpression]]:
    """The texts shown beside `prompt`'s own, by the keyword naming them: a text box's hints
    (`ui.TEXT_INPUTS`), another prompt's (`sdk.PROMPT_HINT_KEYWORDS`), and a dialog's it is
    the `run()` of (`sdk.PROMPT_DIALOGS`: `input_dialog(title=...)`, also the title given
    first)."""
    box = text_box(ctx, prompt)
    hints = box.hints if box is not None else sdk.PROMPT_HINT_KEYWORDS
    found = [
        (a.keyword.value, a.value)
        for a in prompt.args
        if a.keyword is not None and a.keyword.value in hints
    ]
    builder = env_names(ctx).prompt_builder(prompt)
    dialog = _dialog(ctx, builder) if builder is not None else None
    if builder is not None and dialog is not None:
        plain = [a for a in builder.args if a.keyword is None and not a.star]
        if plain and dialog[0] > 0:
            found.append((dialog[1][0], plain[0].value))
        found += [
            (a.keyword.value, a.value)
            for a in builder.args
            if a.keyword is not None and a.keyword.value in dialog[1]
        ]
    return found


def report_prompt(
    rule: PythonRule, wording: PromptWording, editable: bool = True, sent: str | None = None
) -> None:
    """Report a prompt naming OpenAI whose answer goes to the provider as its key: reworded
    (review; `editable`: unless the caller's own edit holds it and cannot write the new text),
    else left to a person (manual, so `check` fails until it no longer names OpenAI). `sent`:
    where the answer goes, said in place of "the key typed there goes to <provider>". Once
    for each prompt."""
    provider = rule.provider
    assert provider is not None
    said: set[int] = vars(rule).setdefault("_prompts_said", set())
    if id(wording.node) in said:  # a prompt whose answer two calls take: said once
        return
    said.add(id(wording.node))
    sent = sent or f"the key typed there goes to {provider.name}"
    head = f"the prompt {wording.shown} asks for an OpenAI key, and {sent}"
    edit = wording.edit(rule.ctx) if editable else None
    if edit is None:
        rule.report(
            wording.node,
            f"{head}: make it ask for {article(provider.name)} {provider.name} key, by hand",
            severity=Severity.WARNING,
            fix=FixClass.MANUAL,
        )
        return
    rule.report(
        wording.node,
        f"{head}; apply writes {edit.text}",
        severity=Severity.WARNING,
        fix=FixClass.REVIEW,
        edit=edit,
    )


@dataclass(frozen=True)
class PromptText:
    """A text shown beside a key prompt (`node`), and where it stands, for messages."""

    node: cst.BaseExpression
    where: str


def names_openai_key(text: str) -> bool:
    """Whether `text` tells a person to get OpenAI's key: names it as `OpenAI (API) key` or
    names OpenAI's key page (`sdk.OPENAI_KEY_PAGES`)."""
    lowered = text.lower()
    return _OPENAI_KEY.search(text) is not None or any(
        page in lowered for page in sdk.OPENAI_KEY_PAGES
    )


def prompt_texts(ctx: PythonContext, prompt: cst.Call) -> list[PromptText]:
    """The texts beside `prompt` naming OpenAI's key (`names_openai_key`): its hints (a text
    box's, `ui.TEXT_INPUTS`: Streamlit's `help=` and `placeholder=`, Gradio's `info=` and
    `placeholder=`; another prompt's `sdk.PROMPT_HINT_KEYWORDS`); those of the block `with
    st.sidebar:` holds it in, else of the statements right before and after its own
    (`sdk.PROMPT_CONTAINERS`); and those of the branch an `if` testing its answer takes
    without a key (`if not key:`, `if not key.startswith("sk-"):`, the `else:` of `if key:`).
    Not the prompt's own text (`prompt_wording`), nor what functions and classes hold."""
    line = ctx.line_label(ctx.position(prompt)[0][0])
    found: list[PromptText] = []
    for keyword, value in _hints(ctx, prompt):
        found += [
            PromptText(n, f"the {keyword}= of the prompt on {line}")
            for n in _strings(ctx, value, prompt)
        ]
    beside = f"the text beside the prompt on {line}"
    found += [PromptText(n, beside) for s in _beside(ctx, prompt) for n in _strings(ctx, s, prompt)]
    branch = f"the text shown when the key typed on {line} fails its test"
    found += [
        PromptText(n, branch) for s in _branches(ctx, prompt) for n in _strings(ctx, s, prompt)
    ]
    unique = {id(t.node): t for t in reversed(found)}  # the first place a text is found
    return sorted(unique.values(), key=lambda t: ctx.span(t.node).start)


def _beside(ctx: PythonContext, prompt: cst.Call) -> list[cst.CSTNode]:
    above = ctx.ancestors(prompt)
    for node in reversed(above):
        if isinstance(node, cst.With) and any(
            ctx.qualnames(item.item) & sdk.PROMPT_CONTAINERS for item in node.items
        ):
            return [node.body]
    statement = next((n for n in reversed(above) if isinstance(n, cst.SimpleStatementLine)), None)
    holder = above[above.index(statement) - 1] if statement is not None else None
    body = getattr(holder, "body", None)
    if statement is None or not isinstance(body, (list, tuple)):
        return []
    at = list(body).index(statement)
    return [s for s in body[max(at - 1, 0) : at + 2] if isinstance(s, cst.SimpleStatementLine)]


def _branches(ctx: PythonContext, prompt: cst.Call) -> list[cst.CSTNode]:
    """The branches taken without the key `prompt` asks for, of the `if`s testing it."""
    names = env_names(ctx)
    found: list[cst.CSTNode] = []
    for node in ctx.nodes:
        if not isinstance(node, cst.If):
            continue
        test, negated = node.test, False
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            test, negated = test.expression, True
        elif isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
            negated = isinstance(test.left, cst.UnaryOperation) and isinstance(
                test.left.operator, cst.Not
            )
        if not any(
            isinstance(n, (cst.Name, cst.Attribute, cst.Subscript, cst.Call))
            and names.is_prompt(n) is prompt
            for n in _subtree(ctx, test)
        ):
            continue
        if negated:
            found.append(node.body)
        elif isinstance(node.orelse, cst.Else):
            found.append(node.orelse.body)
    return found


def _subtree(ctx: PythonContext, node: cst.CSTNode) -> list[cst.CSTNode]:
    i = ctx.index_of(node)
    return ctx.nodes[i : ctx.ends[i]]


_TEXT_NODES = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
_SKIPPED = (cst.FunctionDef, cst.ClassDef)


def _strings(ctx: PythonContext, node: cst.CSTNode, prompt: cst.Call) -> list[cst.BaseExpression]:
    """The string literals in `node` naming OpenAI's key, outside `prompt` (and the builder
    it is a method of), functions and classes (an f-string or a concatenation whole)."""
    nodes, ends = ctx.nodes, ctx.ends
    found: list[cst.BaseExpression] = []
    builder = env_names(ctx).prompt_builder(prompt)  # its text is the prompt's own
    i = ctx.index_of(node)
    end = ends[i]
    while i < end:
        current = nodes[i]
        if current is prompt or current is builder or isinstance(current, _SKIPPED):
            i = ends[i]
            continue
        if isinstance(current, _TEXT_NODES):
            text = string_value(current) if isinstance(current, cst.SimpleString) else None
            if names_openai_key(text if text is not None else ctx.code(current)):
                found.append(current)
            i = ends[i]
            continue
        i += 1
    return found


def report_prompt_texts(
    rule: PythonRule,
    prompt: cst.Call,
    editable: bool = True,
    within: cst.CSTNode | None = None,
    sent: str | None = None,
) -> None:
    """Report the texts beside a prompt whose answer goes to the provider as its key that
    name OpenAI's key (`prompt_texts`), as its own text is (`report_prompt`, also `sent`):
    reworded (review) where `reworded` can and the text is not in `within` (the caller's own
    edit) or `editable` is False, else left to a person (manual). Once for each text."""
    provider = rule.provider
    if provider is None or not rule.ctx.rules.switching:
        return
    said: set[int] = vars(rule).setdefault("_prompt_texts_said", set())
    if id(prompt) in said:
        return
    said.add(id(prompt))
    ctx = rule.ctx
    span = ctx.span(within) if within is not None else None
    for found in prompt_texts(ctx, prompt):
        node = found.node
        text = string_value(node) if isinstance(node, cst.SimpleString) else None
        shown = repr(mask_secrets(text.strip())) if text is not None else f"`{snippet(ctx, node)}`"
        goes = sent or f"the key typed there goes to {provider.name}"
        head = f"{found.where}, {shown}, names OpenAI's key, and {goes}"
        at = ctx.span(node)
        held = span is not None and span.start <= at.start and at.end <= span.end
        new = reworded(text, provider) if text is not None and editable and not held else None
        if new is None:
            rule.report(
                node,
                f"{head}: make it tell how to get {article(provider.name)} {provider.name} "
                "key, by hand",
                severity=Severity.WARNING,
                fix=FixClass.MANUAL,
            )
            continue
        written = string_like(node, new)
        rule.report(
            node,
            f"{head}; apply writes {written}",
            severity=Severity.WARNING,
            fix=FixClass.REVIEW,
            edit=Edit(at, written),
        )
