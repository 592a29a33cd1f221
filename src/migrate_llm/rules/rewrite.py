"""Building replacement code for Python edits: templates parsed by libcst, never hand-made nodes."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

import libcst as cst

from migrate_llm.edits import apply_edits
from migrate_llm.model import Edit, Span
from migrate_llm.rules.code_templates import literal
from migrate_llm.rules.python_context import PythonContext, string_value

_PLAIN = re.compile(r"^[A-Za-z0-9._/:@+-]+$")


def requote(node: cst.SimpleString, value: str) -> str | None:
    """`value` written with the quotes and prefix of `node`; None if it would need escaping."""
    if not _PLAIN.match(value) or "b" in node.prefix.lower():
        return None
    return f"{node.prefix}{node.quote}{value}{node.quote}"


def string_like(node: cst.CSTNode, value: str) -> str:
    """`value` as a string literal to write in place of `node`: with its quotes and prefix
    where it is a plain string and `value` needs no escaping (`requote`), else `literal`."""
    if isinstance(node, cst.SimpleString):
        return requote(node, value) or literal(value)
    return literal(value)


def _leading_space(text: str, offset: int) -> str:
    """The indentation of the line that holds `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    line = text[line_start:offset]
    return line[: len(line) - len(line.lstrip())]


def keyword_insertion(
    ctx: PythonContext,
    call: cst.Call,
    keyword: str,
    value: str,
    skip: Collection[str] = (),
    empty: bool = False,
) -> Edit | None:
    """An edit passing `keyword=value` to `call`, before its first keyword argument not in
    `skip` (those another edit may remove; else before the first), as `rebuild_call` writes
    new keywords: a line of its own, inserted at the start of that argument's line, where the
    arguments stand a line each (a removal of that whole line leaves it). An insertion, so
    that edits inside the other arguments still apply. With `empty`, between the parentheses
    of a call written `f()`; None for another call with no keyword argument."""
    keywords = [(a, a.keyword.value) for a in call.args if a.keyword is not None]
    text = ctx.text
    if not call.args and empty:
        end = ctx.span(call).end
        found = text[end - 2 : end] == "()"
        return Edit(Span(end - 1, end - 1), f"{keyword}={value}") if found else None
    if not keywords:
        return None
    first = next((a for a, name in keywords if name not in skip), keywords[0][0])
    at = ctx.span(first).start
    if "\n" not in text[ctx.span(call).start : at]:
        return Edit(Span(at, at), f"{keyword}={value}, ")
    line_start = text.rfind("\n", 0, at) + 1
    indent = text[line_start:at]
    if indent.strip():
        return Edit(Span(at, at), f"{keyword}={value},\n{_leading_space(text, at)}")
    return Edit(Span(line_start, line_start), f"{indent}{keyword}={value},\n")


def entry_insertion(ctx: PythonContext, display: cst.Dict, entries: str) -> Edit:
    """An edit adding `entries` (`"key": value` text) to a dict display, before its first
    element (a line of its own where the elements stand a line each), as `keyword_insertion`
    adds a keyword; an empty display is written anew."""
    if not display.elements:
        return Edit(ctx.span(display), f"{{{entries}}}")
    text = ctx.text
    at = ctx.span(display.elements[0]).start
    multiline = "\n" in text[ctx.span(display).start : at]
    separator = ",\n" + _leading_space(text, at) if multiline else ", "
    return Edit(Span(at, at), f"{entries}{separator}")


def mapping_insertion(
    ctx: PythonContext,
    mapping: cst.Dict | cst.Call,
    key: str,
    value: str,
    skip: Collection[str] = (),
) -> Edit | None:
    """An edit adding the entry `key` (`value`, code) to a dict display or the keywords of a
    `dict(...)` call, before its first entry not in `skip` (those another edit may remove):
    a line of its own where the entries stand a line each, else one aligned with the
    entries where they wrap (`dict(a=1,` / `     b=2)`), else inline. Where every entry is
    in `skip`, it is written without a separator, so that their removal leaves it alone.
    None for a display spreading another dict or a call with other arguments."""
    return mapping_entries_insertion(ctx, mapping, {key: value}, skip)


def mapping_entries_insertion(
    ctx: PythonContext,
    mapping: cst.Dict | cst.Call,
    entries: Mapping[str, str],
    skip: Collection[str] = (),
) -> Edit | None:
    """`mapping_insertion` of several entries (key -> value, code), written together."""
    if isinstance(mapping, cst.Dict):
        items: Sequence[cst.CSTNode] = mapping.elements
        names = [
            string_value(e.key) if isinstance(e, cst.DictElement) else None
            for e in mapping.elements
        ]
        entry = ", ".join(f"{literal(k)}: {v}" for k, v in entries.items())
    else:
        items = mapping.args
        names = [a.keyword.value if a.keyword is not None and not a.star else None for a in items]
        entry = ", ".join(f"{k}={v}" for k, v in entries.items())
    if any(n is None for n in names):
        return None
    text = ctx.text
    whole = ctx.span(mapping)
    if not items:
        if isinstance(mapping, cst.Dict):
            return Edit(whole, f"{{{entry}}}")
        found = text[whole.end - 2 : whole.end] == "()"
        return Edit(Span(whole.end - 1, whole.end - 1), entry) if found else None
    kept = [i for i, n in enumerate(names) if n not in skip]
    first = items[kept[0]] if kept else items[0]
    at = ctx.span(first).start
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    if "\n" in text[whole.start : at] and not before.strip():
        return Edit(Span(line_start, line_start), f"{before}{entry},\n")
    if not kept:
        return Edit(Span(at, at), entry)
    if "\n" in text[whole.start : at]:
        return Edit(Span(at, at), f"{entry},\n{_leading_space(text, at)}")
    if "\n" in text[at : ctx.span(items[-1]).start]:
        return Edit(Span(at, at), f"{entry},\n{' ' * len(before)}")
    return Edit(Span(at, at), f"{entry}, ")


def argument_removal(ctx: PythonContext, call: cst.Call, index: int, kept: list[int]) -> Span:
    """The text to delete to remove argument `index` of `call` (see `item_removal`)."""
    return item_removal(ctx, call.args, index, kept)


def item_removal(
    ctx: PythonContext, items: Sequence[cst.CSTNode], index: int, kept: list[int]
) -> Span:
    """The text to delete to remove item `index` of a call's arguments or a display's
    elements (its comma and the space up to the next item, or, for the last one, the comma
    before it); `kept` are the indices of the items that stay. Spans cover whole items,
    `*`/`**` included."""
    span = ctx.span(items[index])
    if index + 1 < len(items):
        return Span(span.start, ctx.span(items[index + 1]).start)
    earlier = [i for i in kept if i < index]
    if earlier:
        return Span(ctx.span(items[earlier[-1]]).end, span.end)
    return Span(span.start, past_comma(ctx.text, span.end))


def past_comma(text: str, end: int) -> int:
    """`end`, or just past the trailing comma that follows it (`f(a=1,)`): removing the only
    item of a bracket must not leave `f(,)`."""
    at = end
    while at < len(text) and text[at] in " \t":
        at += 1
    return at + 1 if at < len(text) and text[at] == "," else end


def merged_kwargs(
    ctx: PythonContext,
    value: cst.BaseExpression,
    set_args: dict[str, str],
    strip: tuple[str, ...] = (),
) -> str:
    """`{**value, "k": v, ...}`: a `**` mapping whose own entries the given ones override.
    `strip`: keys left out of `value` first (a comprehension over its items)."""
    inner = filtered_kwargs(ctx, value, strip) if strip else ctx.code(value)
    entries = "".join(f', "{k}": {v}' for k, v in set_args.items())
    return f"{{**{inner}{entries}}}"


def _parenthesized_span(ctx: PythonContext, text: str, value: cst.BaseExpression) -> Span:
    """Where `value` stands in `text`, the module's, with the parentheses around it
    (`ctx.span` leaves them out, `ctx.code` holds them)."""
    span = ctx.span(value)
    start, end = span.start, span.end
    for _ in value.lpar:
        before = text[:start].rstrip(" \t\r\n\\")
        after = text[end:]
        stripped = after.lstrip(" \t\r\n\\")
        if not before.endswith("(") or not stripped.startswith(")"):
            return span
        start = len(before) - 1
        end += len(after) - len(stripped) + 1
    return Span(start, end)


def filtered_kwargs(ctx: PythonContext, value: cst.BaseExpression, keys: tuple[str, ...]) -> str:
    """`{k: v for k, v in value.items() if ...}`: a `**` mapping without `keys`. Keys sharing
    a prefix ("azure_...") are tested by it: shorter, and it also drops the ones a later SDK
    adds."""
    prefixes = sorted({k.split("_", 1)[0] + "_" for k in keys if "_" in k})
    shared = [p for p in prefixes if sum(k.startswith(p) for k in keys) > 1]
    others = [k for k in keys if not k.startswith(tuple(shared))]
    tests = [f'k != "{k}"' for k in others]
    tests += [f'not k.startswith("{p}")' for p in shared]
    return f"{{k: v for k, v in {ctx.code(value)}.items() if {' and '.join(tests)}}}"


def narrowed_edit(
    ctx: PythonContext, call: cst.Call, new: str, imports: tuple[str, ...]
) -> Edit | None:
    """The edit replacing `call` with `new` (its text as `rebuild_call` makes it: the module's
    own, not `ctx.code`'s, which re-indents a call spread over lines), narrowed to the text
    that changes (common start and end trimmed); None when nothing does. Narrowed so, it
    leaves alone an argument it does not change, which another rule may rewrite (ML002's
    client given to the provider in the call). An argument whose value is a call, a string,
    a name it changes it covers whole: cut inside one (`api_key=os.getenv("OPENAI_API_KEY")`
    rewritten as `...("X", "unset")` shares `")`), it would overlap ML401's edit of the name
    in it, not hold it. Not a dict or list it adds to: ML304's rename of a `model_kwargs`
    key is left to it beside an entry ML601 adds to that dict (held by ML601's edit, the
    rename would be dropped)."""
    span = ctx.span(call)
    old = ctx.text[span.start : span.end]
    if new == old:
        return None
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    low, high = span.start + start, span.end - end
    reads = [arg for arg in call.args if isinstance(arg.value, cst.Call)]
    for token in (*reads, *_tokens(call)):
        within = ctx.span(token)
        if within.start < low < within.end:
            low = within.start
        if within.start < high < within.end:
            high = within.end
    start, end = low - span.start, span.end - high
    return Edit(Span(low, high), new[start : len(new) - end], imports)


_TOKENS = (cst.SimpleString, cst.FormattedString, cst.Name, cst.Integer, cst.Float)


def _tokens(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The strings, names and numbers in `node`."""
    found: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        each = stack.pop()
        if isinstance(each, _TOKENS):
            found.append(each)
        else:
            stack.extend(each.children)
    return found


def rebuild_call(
    ctx: PythonContext,
    call: cst.Call,
    set_args: dict[str, str],
    drop: frozenset[str] = frozenset(),
    func: str | None = None,
    strip: tuple[str, ...] = (),
    values: Mapping[int, str] | None = None,
    keywords: Mapping[int, str] | None = None,
    merge: bool = True,
) -> str:
    """The text of `call` with keyword arguments set (in place, or added), others dropped,
    optionally another callee, `values`: new text for arguments by their index, and
    `keywords`: new names for keyword arguments by their index. Everything else keeps its
    exact text, so a call spread over lines keeps its layout and comments.

    New keywords go before the first keyword or `**` argument (after `*args`). When the call
    passes `**mapping`, the keywords it does not name explicitly are merged into the last one
    (`**{**mapping, "api_key": ...}`) so that they win whatever the mapping holds: a plain
    keyword next to a mapping holding the same key raises TypeError. `strip` names keys
    taken out of that mapping first (Azure-only settings a plain client rejects). Without
    `merge` (the module shows all the mapping holds, and none of them) they are plain
    keywords.
    """
    text = ctx.text
    whole = ctx.span(call)
    edits: list[Edit] = []
    if func is not None:
        edits.append(Edit(ctx.span(call.func), func))
    args = list(call.args)
    kept = [
        i for i, a in enumerate(args) if not (a.keyword is not None and a.keyword.value in drop)
    ]
    replaced = bool(args) and not kept and bool(set_args)
    if replaced:
        opening = text.index("(", ctx.span(call.func).end)
        inside = Span(opening + 1, whole.end - 1)
        removals = [argument_removal(ctx, call, i, kept) for i in range(len(args))]
        local = [Edit(Span(r.start - inside.start, r.end - inside.start), "") for r in removals]
        rest = apply_edits(text[inside.start : inside.end], local)[0]
        # every argument goes: the new ones take the place of them all, where removing each
        # would leave the lines they stood on (the line is wrapped later if it grows too
        # long); a comment on a line of its own stays, the new ones below it
        new_args = [f"{k}={v}" for k, v in set_args.items()]
        comments = [line.strip() for line in rest.splitlines() if line.strip()]
        if not comments:
            edits.append(Edit(inside, ", ".join(new_args)))
        else:  # indented as the arguments were (a removed argument's trailing comment too)
            indent = _leading_space(text, ctx.span(call.args[0]).start)
            closing = rest[rest.rfind("\n") + 1 :]
            lines = [f"{indent}{c}" for c in comments] + [f"{indent}{a}," for a in new_args]
            edits.append(Edit(inside, "\n" + "\n".join(lines) + "\n" + closing))
        args = []
    for i, arg in enumerate(args):
        name = arg.keyword.value if arg.keyword is not None else None
        if name in drop:
            edits.append(Edit(argument_removal(ctx, call, i, kept), ""))
        elif name in set_args:
            edits.append(Edit(ctx.span(arg.value), set_args[name]))
        elif values and i in values:
            edits.append(Edit(ctx.span(arg.value), values[i]))
        if keywords and i in keywords and arg.keyword is not None and name not in drop:
            edits.append(Edit(ctx.span(arg.keyword), keywords[i]))
    present = {a.keyword.value for a in args if a.keyword is not None}
    missing = {} if replaced else {k: v for k, v in set_args.items() if k not in present}
    mappings = [i for i in kept if args[i].star == "**"]
    if mappings and (merge or strip):
        value = args[mappings[-1]].value
        if missing or strip:
            outer = _parenthesized_span(ctx, text, value)  # `**(kw or {})`: its parentheses
            edits.append(Edit(outer, merged_kwargs(ctx, value, missing, strip)))
        for i in mappings[:-1]:  # a key in two mappings raises TypeError: filter the others
            if missing or strip:
                other = args[i].value
                text_ = filtered_kwargs(ctx, other, (*missing, *strip))
                edits.append(Edit(ctx.span(other), text_))
        missing = {}
    new = [f"{k}={v}" for k, v in missing.items()]
    if new:
        named = [i for i in kept if args[i].keyword is not None or args[i].star == "**"]
        if named:
            first = ctx.span(args[named[0]]).start
            multiline = "\n" in text[whole.start : first]
            separator = ",\n" + _leading_space(text, first) if multiline else ", "
            edits.append(Edit(Span(first, first), separator.join(new) + separator))
        elif kept:
            at = ctx.span(args[kept[-1]]).end  # after the last positional or `*args`
            edits.append(Edit(Span(at, at), ", " + ", ".join(new)))
        else:
            at = whole.end - 1  # ")"
            edits.append(Edit(Span(at, at), ", ".join(new)))
    local = [
        Edit(Span(e.span.start - whole.start, e.span.end - whole.start), e.text) for e in edits
    ]
    return apply_edits(text[whole.start : whole.end], local)[0]


def add_imports(text: str, statements: list[str], line_length: int = 88) -> str:
    """`text` with each missing module-level import statement added once, isort-clean
    (see `migrate_llm.imports`)."""
    from migrate_llm.imports import add_imports as add

    return add(text, statements, line_length)


def add_setup(text: str, statements: list[str]) -> str:
    """`text` with module-level statements added once, after the last top-level import."""
    from migrate_llm.imports import add_setup as add

    return add(text, statements)
