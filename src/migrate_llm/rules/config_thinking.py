"""ML507: a config mapping's model that thinks before it answers beside a token limit (ML118
for the model and limit a config file gives the program's requests)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from migrate_llm import openai_sdk as sdk
from migrate_llm.formats.document import ConfigDocument, Entry, dotted
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.rules import thinking_switch
from migrate_llm.rules.base import ConfigRule, Example, RuleContext
from migrate_llm.rules.compat import param_unconfirmed
from migrate_llm.rules.config_common import (
    Record,
    _mappings,
    config_key,
    gateway_blocks,
    held_blocks,
    migrating,
    provider_model,
    scalar_text,
)
from migrate_llm.rules.config_model import for_images, settings_of
from migrate_llm.rules.thinking_switch import consequences, listed, raise_limit, thinks, unlike

_NULLS = frozenset({"", "null", "~", "none"})
# what the warning adds where the provider's file gives no `thinking_tokens_min`
NO_SIZE = thinking_switch.NO_SIZE.format(
    settled="a program sending {} itself", code="ML507", where="the model's line"
)


class ConfigThinking(ConfigRule):
    """A config mapping's model that thinks before it answers, beside a token limit.

    ## What it does
    Finds a mapping of a YAML, TOML or JSON file whose model goes to the provider once
    migrated (an OpenAI model its table maps, which ML503 writes, or one of the provider's
    own, as an earlier apply wrote it) and thinks before it answers, beside a token limit for
    the same requests (`max_tokens`, `max_completion_tokens`, `max_output_tokens`, in the
    mapping or in a mapping inside it that names no model of its own: ChatDev's `params:`).
    The model thinks where the provider's file says so: always (`[params] always_thinking`:
    Qwen's qwen4-max, Zhipu's glm-5.3), or unless told not to (`thinking_models`:
    DeepSeek's deepseek-flash), where the file names the switch that turns it off
    (`thinking_off_extra_body`). Not where the OpenAI model it maps from thought too (o3),
    where the mapping asks for an effort (`reasoning_effort`, `reasoning: {effort: ...}`),
    or, for a model with a switch, where the mapping sends that switch (`enable_thinking:
    false`, also inside an `extra_body:`); not in a mapping whose requests stay on OpenAI or
    go through a gateway (ML503 leaves its model), or to the completions API (`api:
    completion`, promptflow's LLM node, in the mapping or the one holding it: no thinking
    mode); not for a limit at or above the one the provider's file advises for the reasoning
    (`[params] thinking_tokens_min`: Kimi's 32000), which the message names where it asks for
    a larger one. Where the file names no such size (DeepSeek), no limit settles it, and the
    message says so rather than ask for a larger one. What the message says becomes of
    a temperature comes from that file too (`thinking_switch.consequences`: fixed and
    rejected otherwise on Kimi, ignored on DeepSeek, nothing where it says nothing).

    ## Why
    The reasoning counts against the token limit: at the default effort it may use all of
    it and leave the reply empty (a ChatDev workflow's `max_tokens: 16` beside `gpt-4o`,
    mapped to qwen4-max). The same request written in Python gets ML118's warning; a config
    file's model and limit reach the request through the program, which apply does not
    follow, so nothing is rewritten here.

    ## Fix (manual)
    Raise the limit (to the provider file's `thinking_tokens_min`, where it names one), or have
    the program send `reasoning_effort` ("low"; on the Responses API
    `reasoning: {effort: "low"}`, which a program trying that API first needs: the other
    spelling makes that request fail) or the provider's switch with these requests (its
    `extra_body`), or map the OpenAI model to one that
    answers at once (`--model gpt-4o=NAME`). Each request must carry the effort: a program
    passing on only the settings it knows drops a key added to the file (which keys it
    forwards is not traced; the message says so). Where a requirements file pins openai 1.x
    below 1.58.0 (`openai_sdk.KEYWORD_SINCE`: `openai==1.1.0`, whose `create()` raises
    TypeError on `reasoning_effort=`), the advice is `{"reasoning_effort": "low"}` in the
    requests' `extra_body`, only an `extra_body:` entry settles it, and a top-level
    `reasoning_effort` is named as what fails (t63b). A later mapping of the file with the
    same model gets a short message referring to the first one's line. The warning holds
    after apply too (the model then written as the provider's), so `check` stays red until
    a person has looked; `# migrate-llm: ignore[ML507]` on the model's line records the
    choice.

    ## Data
    `model` (the provider's), `model_from` (the OpenAI model, where mapped), `limit` (the
    key path of the token limit in the mapping) and `limit_line`; `extra_body` (the switch)
    for a model that takes one; `openai_requires` (`>=1.58.0`) under such an openai pin.
    """

    code = "ML507"
    name = "config-thinking"
    category = "compatibility"
    severity = Severity.WARNING
    fix = FixClass.MANUAL
    kinds = frozenset({"yaml", "toml", "json"})
    examples = (
        # t51a: ChatDev's workflow nodes, gpt-4o mapped to qwen4-max
        Example(
            "nodes:\n  - id: A1\n    config:\n      provider: openai\n      name: gpt-4o\n"
            "      params:\n        temperature: 0.1\n        max_tokens: 16\n",
            path="agent.yaml",
            provider="qwen",
            message="qwen4-max, to which apply maps gpt-4o, always thinks before it answers (no "
            "switch turns it off), which gpt-4o did not (replies and stream deltas carry "
            "reasoning_content, the provider file does not say whether a tool loop must send the "
            "reasoning "
            "back), and the reasoning counts against params.max_tokens: 16 (line 8): at the "
            "default effort it may use all of it and leave the reply empty; "
            'have the program send reasoning_effort "low" with each of these requests (on the '
            'Responses API reasoning: {effort: "low"}; a program that passes on only the '
            "settings it knows drops a key added here), or map gpt-4o to a model that can stop "
            "thinking (--model gpt-4o=NAME), by hand; "
            + NO_SIZE.format("an effort")
            + " (unconfirmed: "
            "qwen4-max: Alibaba says thinking is on by default and is tuned with "
            "reasoning_effort; whether enable_thinking=false turns it off is not documented; a "
            'third-party gateway (APIYI) reports reasoning_effort="none" turns it off and that '
            "a small max_tokens may be spent on thinking alone, leaving an empty reply)",
        ),
        Example(
            "llm:\n  model: glm-5.3\n  max_tokens: 50\n",
            path="config.yaml",
            provider="zhipu",
            message="glm-5.3 always thinks before it answers (no switch turns it off), and the "
            "reasoning counts against max_tokens: 50 (line 3): at the default effort it may use "
            "all of it and leave the reply empty; have the program send "
            'reasoning_effort "low" with each of these requests (on the Responses API '
            'reasoning: {effort: "low"}; a program that passes on only the settings it knows '
            "drops a key added here), or choose a model that can stop thinking, by hand; "
            + NO_SIZE.format("an effort"),
        ),
        Example(
            '[llm]\nmodel = "acme-think"\nmax_tokens = 50\n',
            path="settings.toml",
            provider="acme",
            message="acme-think thinks before it answers unless told not to, and the reasoning "
            "counts against max_tokens: 50 (line 3): at the default effort it may use all of it "
            'and leave the reply empty; have the program send {"thinking": {"type": '
            '"disabled"}} in these requests\' extra_body (its entries written in this mapping, '
            "also under extra_body:, settle this warning), by hand; "
            + NO_SIZE.format("the switch"),
        ),
        # t68d: Kimi's file names the size the reasoning needs: a limit that large settles it
        Example(
            "llm:\n  model: kimi-k2.6\n  max_tokens: 32000\n",
            path="config.yaml",
            provider="moonshot",
            finds=False,
        ),
        # t68d: promptflow's completions node (`api: completion`): no chat request thinks
        Example(
            "nodes:\n- name: complete\n  type: llm\n  inputs:\n    model: gpt-3.5-turbo\n"
            '    max_tokens: "256"\n  api: completion\n',
            path="flow.dag.yaml",
            provider="deepseek",
            finds=False,
        ),
        Example(
            "nodes:\n- name: chat\n  type: llm\n  inputs:\n    model: gpt-3.5-turbo\n"
            '    max_tokens: "384000"\n  api: chat\n',
            path="flow.dag.yaml",
            provider="deepseek",
            message="deepseek-flash, to which apply maps gpt-3.5-turbo, thinks before it answers "
            "unless told not to, which gpt-3.5-turbo did not (replies and stream deltas carry "
            "reasoning_content, temperature is ignored, a tool loop must send the reasoning "
            "back), and the reasoning counts against max_tokens: 384000 (line 6): at the "
            "default effort it may use all of it and leave the reply empty; have the program "
            'send {"thinking": {"type": "disabled"}} in these requests\' extra_body (its '
            "entries written in this mapping, also under extra_body:, settle this warning), or "
            "map gpt-3.5-turbo to a model that does not think (--model gpt-3.5-turbo=NAME), by "
            "hand; " + NO_SIZE.format("the switch"),
        ),
        Example(
            "llm:\n  model: acme-think\n  max_tokens: 50\n"
            "  extra_body:\n    thinking:\n      type: disabled\n",
            path="config.yaml",
            provider="acme",
            finds=False,
        ),
        Example(
            "llm:\n  model: glm-5.3\n  max_tokens: 50\n  reasoning_effort: low\n",
            path="config.yaml",
            provider="zhipu",
            finds=False,
        ),
        Example(
            "llm:\n  model: gpt-4o-mini\n  max_tokens: 50\n",
            path="config.yaml",
            provider="qwen",
            finds=False,
        ),
        Example("llm:\n  model: gpt-4o\n", path="config.yaml", provider="qwen", finds=False),
        Example("llm:\n  model: gpt-4o\n  max_tokens: 16\n", path="config.yaml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx):
            return
        if not (provider.params.get("thinking_models") or provider.params.get("always_thinking")):
            return
        if "okens" not in doc.text:  # no token limit (`max_tokens`, `maxTokens`): most files
            return
        doc, models = config_models(self.ctx, doc)
        enough = provider.params.get("thinking_tokens_min")
        # the line of the first mapping reported for each model (and what it maps from): a
        # later one's message refers to it (AgentVerse's 135 agents' blocks, t63b)
        said: dict[tuple[str, str | None, bool], int] = {}
        for block, (entry, target, source) in models.items():
            always = listed(provider, "always_thinking", target)
            if not always and not thinks(provider, target):
                continue
            if source is not None and thinks(self.ctx.openai, source):
                continue  # o3 thought before: its limit was set with the reasoning in mind
            if _completions_api(doc, block):
                continue  # promptflow's `api: completion` node: no chat request
            below = [e for e in doc.entries if inside(e, block, models)]
            limit = next(
                (e for e in below if config_key(e.key or "") in sdk.CONFIG_TOKEN_LIMIT_KEYS),
                None,
            )
            value = scalar_text(doc, limit) if limit is not None else None
            if limit is None or value is None or value.lower() in _NULLS:
                continue
            if enough and value.isdigit() and int(value) >= enough:
                continue  # as large as the provider advises for the reasoning
            efforts = [e for e in below if _asks_effort(e)]
            # the project's openai takes no reasoning_effort=: only `extra_body:` carries it
            rejects = sdk.REASONING_EFFORT in self.ctx.facts.openai_rejects
            if any(not rejects or _in_extra_body(e) for e in efforts):
                continue
            switch = provider.params.get("thinking_off_extra_body")
            if not always and switch and sends_switch(doc, below, switch):
                continue
            kept = efforts[0] if efforts else None
            assert entry.value_span is not None
            earlier = said.setdefault(
                (target, source, kept is not None), doc.lines.position(entry.value_span.start)[0]
            )
            yield self._report(
                doc, block, entry, target, source, (limit, value), always, kept, earlier
            )

    def _report(
        self,
        doc: ConfigDocument,
        block: Record,
        entry: Entry,
        target: str,
        source: str | None,
        limit: tuple[Entry, str],
        always: bool,
        kept: Entry | None = None,
        said: int | None = None,
    ) -> Finding:
        """The warning; `kept`: the mapping's `reasoning_effort` that the project's openai
        would reject as a keyword (`sdk.KEYWORD_SINCE`); `said`: the line of the file's first
        warning on the same model, which a later one refers to rather than repeat it."""
        provider = self.ctx.provider
        assert provider is not None and entry.value_span is not None
        here = doc.lines.position(entry.value_span.start)[0]
        limit_entry, value = limit
        assert limit_entry.key_span is not None
        shown = f"{target}, to which apply maps {source}," if source else target
        head = (
            f"{shown} always thinks before it answers (no switch turns it off)"
            if always
            else f"{shown} thinks before it answers unless told not to"
        )
        if source is not None:
            head += f", {unlike(self.ctx, source, why=consequences(provider, [target]))}"
        path = dotted(limit_entry.rooted[len(block) :])
        line = doc.lines.position(limit_entry.key_span.start)[0]
        head += (
            f", and the reasoning counts against {path}: {value} (line "
            f"{line}): at the default effort it may use all of it and leave the reply empty"
        )
        data: dict[str, Any] = {"model": target, "limit": path, "limit_line": line}
        if source is not None:
            data["model_from"] = source
        switch = provider.params.get("thinking_off_extra_body")
        # a limit settles it only where the provider's file names the size that is enough
        raise_it = raise_limit(provider)
        no_size = "" if raise_it else f"; {NO_SIZE}"
        first = ".".join(map(str, sdk.KEYWORD_SINCE[sdk.REASONING_EFFORT]))
        if kept is not None and kept.key_span is not None:
            head += (
                f"; the reasoning_effort on line {doc.lines.position(kept.key_span.start)[0]} "
                f"goes to create() as a keyword, which the project's openai (pinned below "
                f"{first}) rejects: TypeError before any request"
            )
        if always or not switch:
            pick = (
                f"map {source} to a model that can stop thinking (--model {source}=NAME)"
                if source
                else "choose a model that can stop thinking"
            )
            dropped = "a program that passes on only the settings it knows drops a key added here"
            if sdk.REASONING_EFFORT in self.ctx.facts.openai_rejects:
                send = (
                    'send {"reasoning_effort": "low"} in the extra_body of each of these '
                    f"requests (the project's requirements pin openai below {first}, whose "
                    f"create() takes no reasoning_effort=: TypeError; {dropped})"
                )
                data["openai_requires"] = f">={first}"
            else:
                send = (
                    'send reasoning_effort "low" with each of these requests (on the '
                    f'Responses API reasoning: {{effort: "low"}}; {dropped})'
                )
            action = (
                f"{f'{raise_it} or ' if raise_it else ''}have the program {send}, or {pick}, "
                f"by hand{no_size.format('an effort')}"
                f"{param_unconfirmed(provider, 'always_thinking')}"
            )
        else:
            data["extra_body"] = dict(switch)
            mapped = (
                f", or map {source} to a model that does not think (--model {source}=NAME)"
                if source
                else ""
            )
            action = (
                f"have the program send {json.dumps(switch)} in these requests' extra_body "
                "(its entries written in this mapping, also under extra_body:, settle this "
                f"warning){f', or {raise_it}' if raise_it else ''}{mapped}, by hand"
                f"{no_size.format('the switch')}"
                f"{param_unconfirmed(provider, 'thinking_models')}"
            )
        if said is not None and said != here:
            counts = (
                f"{target} thinks before it answers, and the reasoning counts against {path}: "
                f"{value} (line {line})"
            )
            message = f"{counts}: as for the model on line {said} (its warning says what to do)"
            return self.finding_at(doc, entry.value_span, message, data=data)
        return self.finding_at(doc, entry.value_span, f"{head}; {action}", data=data)


def config_models(
    ctx: RuleContext, doc: ConfigDocument
) -> tuple[ConfigDocument, dict[Record, tuple[Entry, str, str | None]]]:
    """The mappings of a YAML, TOML or JSON file (read as its settings: `settings_of`) whose
    model goes to the provider once migrated (`provider_model`), each with that entry, the
    provider's model and the OpenAI model it maps from (None where written as the
    provider's); not a mapping whose requests stay on OpenAI or go through a gateway (ML503
    leaves its model)."""
    doc = settings_of(doc)
    mappings = _mappings(doc)
    if not mappings:
        return doc, {}
    left = set(held_blocks(ctx, doc)) | set(gateway_blocks(doc))
    images = frozenset(for_images(doc))
    return doc, {
        block: found
        for block, keys in mappings.items()
        if block not in left and (found := provider_model(ctx, keys.values(), images)) is not None
    }


def inside(entry: Entry, block: Record, models: dict[Record, Any]) -> bool:
    """Whether `entry` stands in mapping `block` or in a mapping inside it that is not the
    mapping of another model (a node's `params:`, not a nested agent's config)."""
    path = entry.rooted[:-1]
    if path[: len(block)] != block:
        return False
    return not any(
        other != block and other[: len(block)] == block and path[: len(other)] == other
        for other in models
    )


def _completions_api(doc: ConfigDocument, block: Record) -> bool:
    """Whether the mapping `block`, or the one holding it (promptflow's node around its
    `inputs:`), sends its requests to the completions API (`api: completion`)."""
    return any(
        e.rooted[:-1] in (block, block[:-1])
        and config_key(e.key or "") == sdk.CONFIG_API_KEY
        and (scalar_text(doc, e) or "").lower() in sdk.CONFIG_COMPLETIONS_APIS
        for e in doc.entries
    )


def _in_extra_body(entry: Entry) -> bool:
    """Whether `entry` stands in an `extra_body:` mapping (what the SDK sends as is)."""
    return config_key(sdk.EXTRA_BODY) in (config_key(part) for part in entry.path[:-1])


def _asks_effort(entry: Entry) -> bool:
    """Whether `entry` asks for a reasoning effort (`reasoning_effort: low`, `reasoning:
    {effort: low}`)."""
    keys = tuple(config_key(part) for part in entry.path)
    return any(keys[-len(k) :] == k for k in sdk.CONFIG_EFFORT_KEYS)


def sends_switch(doc: ConfigDocument, entries: list[Entry], switch: dict[str, Any]) -> bool:
    """Whether `entries` hold every entry of the provider's switch (`thinking: {type:
    disabled}`, at any depth: in an `extra_body:` too), with its value."""
    leaves = list(_leaves(switch))
    return all(
        any(
            tuple(config_key(p) for p in e.path[-len(path) :]) == path
            and (scalar_text(doc, e) or "").lower() == value
            for e in entries
        )
        for path, value in leaves
    )


def _leaves(
    value: dict[str, Any], above: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str]]:
    """The key paths (as `config_key` writes them) and values (lowercase text) of a switch."""
    for key, item in value.items():
        path = (*above, config_key(key))
        if isinstance(item, dict):
            yield from _leaves(item, path)
        elif isinstance(item, bool):
            yield path, "true" if item else "false"
        else:
            yield path, str(item).lower()
