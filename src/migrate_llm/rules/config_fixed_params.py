"""ML508: a sampling value in a config mapping whose model, once migrated, fixes it (ML115 for
the values a config file gives the program's requests): Kimi's kimi-k2.6 takes temperature
1.0 (0.6 with thinking off) and rejects any other, so OpenManus's `temperature = 0.0` beside
its model fails every request."""

from __future__ import annotations

from collections.abc import Iterator

from migrate_llm.formats.document import ConfigDocument, Entry
from migrate_llm.model import Finding, FixClass, Severity
from migrate_llm.registry import Provider
from migrate_llm.rules.base import ConfigRule, Example
from migrate_llm.rules.class_sampling import advice, same_in_both, values_text
from migrate_llm.rules.compat import facts_unconfirmed
from migrate_llm.rules.config_common import config_key, migrating, scalar_span, scalar_text
from migrate_llm.rules.config_thinking import config_models, inside, sends_switch
from migrate_llm.rules.thinking_switch import listed, thinks


class ConfigFixedParameter(ConfigRule):
    """A sampling value in a config mapping whose model fixes that parameter.

    ## What it does
    Finds a mapping of a YAML, TOML or JSON file whose model goes to the provider once
    migrated (an OpenAI model its table maps, which ML503 writes, or one of the provider's
    own, as an earlier apply wrote it, either also on a litellm route: `openai/gpt-4o`,
    `openai/kimi-k2.6`, `moonshot/kimi-k2.6`; not a mapping whose requests stay on OpenAI or
    go through a gateway), holding a value for a parameter the provider's file says that model
    fixes (`[model_params]` "fixed": Kimi's kimi-k2.6 fixes `temperature`, `top_p`, `n` and
    both penalties), in the mapping or in a mapping inside it that names no model of its
    own, where the file gives the value the model fixes it at in each mode the mapping may
    run in (`[fixed_values]`: kimi-k2.6's temperature 1.0 while it thinks, 0.6 with thinking
    off; thinking off only where the mapping sends the provider's switch, `thinking: {type:
    disabled}`, thinking only for a model that always thinks) and the value is none of them.
    A value the model takes in either mode is named alone (kimi-k2.6's `top_p` 0.95, `n` 1,
    `presence_penalty` and `frequency_penalty` 0, as Kimi's parameter table gives them: an
    OpenAI config's `top_p: 1.0` is reported). Not a parameter whose value the file does not
    give (kimi-k3's `top_p`: third-party reports only), nor where the provider ignores
    another value (`[params] fixed_other_value = "ignored"`). What the file marks uncertain
    of the provider's answer (`params.fixed_other_value`) or of the values
    (`fixed_values.<glob>`) is said in the message.

    ## Why
    A program reads such a value from its config and sends it with every request (OpenAI
    took any temperature in [0, 2]); where the provider rejects another value than the one
    the model fixes (`fixed_other_value = "rejected"`: "invalid temperature: only 1 is
    allowed for this model", HTTP 400), every request fails, and no rule reading the code
    sees the value (ML115 removes such an argument where the code writes it).

    ## Fix (manual)
    Set the value the model takes (the message names it, from the provider's file), or have
    the program not send the parameter. An error where the provider rejects other values; a
    warning where its file does not say what the provider does with another.

    ## Data
    `model` (the provider's), `model_from` (the OpenAI model, where mapped), `param`, `value`
    (as written) and `allowed` (the values the model takes, where known; one where it takes
    that in either mode).
    """

    code = "ML508"
    name = "config-fixed-parameter"
    category = "compatibility"
    severity = Severity.ERROR
    fix = FixClass.MANUAL
    kinds = frozenset({"yaml", "toml", "json"})
    examples = (
        # t52a: OpenManus's config.toml, gpt-4o mapped to kimi-k2.6
        Example(
            '[llm]\nmodel = "gpt-4o"\nmax_tokens = 32768\ntemperature = 0.0\n',
            path="config.toml",
            provider="moonshot",
            message="kimi-k2.6, to which apply maps gpt-4o, fixes temperature at 1.0 (0.6 with "
            "thinking off) and Moonshot AI (Kimi) rejects other values: temperature 0.0 (line "
            "4) makes every request fail (HTTP 400); set 1.0, or 0.6 where the program sends "
            '{"thinking": {"type": "disabled"}} in extra_body, or have the program not send '
            "temperature, by hand (unconfirmed: third-party reports, for temperature and top_p; n "
            "and the penalties not measured)",
        ),
        Example(
            "llm:\n  model: kimi-k2.6\n  temperature: 0.6\n"
            "  extra_body:\n    thinking:\n      type: disabled\n",
            path="config.yaml",
            provider="moonshot",
            finds=False,
        ),
        Example(
            "llm:\n  model: kimi-k2.6\n  temperature: 1.0\n",
            path="config.yaml",
            provider="moonshot",
            finds=False,
        ),
        Example(
            "llm:\n  model: kimi-k2.6\n  temperature: 1.0\n"
            "  extra_body:\n    thinking:\n      type: disabled\n",
            path="config.yaml",
            provider="moonshot",
            message="kimi-k2.6 fixes temperature at 0.6 with thinking off (which this mapping "
            "asks for) and Moonshot AI (Kimi) rejects other values: temperature 1.0 (line 3) "
            "makes every request fail (HTTP 400); set 0.6, or have the program not send "
            "temperature, by hand (unconfirmed: third-party reports, for temperature and top_p; n "
            "and the penalties not measured)",
        ),
        # t68b: the provider's model on its litellm route, as ML503 and ML640 write it
        Example(
            'llm:\n  model: "moonshot/kimi-k2.6"\n  top_p: 1.0\n',
            path="config.yaml",
            provider="moonshot",
            message="kimi-k2.6 fixes top_p at 0.95 and Moonshot AI (Kimi) rejects other values: "
            "top_p 1.0 (line 3) makes every request fail (HTTP 400); set 0.95, or have the "
            "program not send top_p, by hand (unconfirmed: third-party reports, for temperature "
            "and top_p; n and the penalties not measured)",
        ),
        # an autogen client config: Kimi's parameter table fixes top_p at 0.95, thinking or not
        Example(
            "llm:\n  model: kimi-k2.6\n  top_p: 1.0\n  presence_penalty: 0.0\n",
            path="config.yaml",
            provider="moonshot",
            message="kimi-k2.6 fixes top_p at 0.95 and Moonshot AI (Kimi) rejects other values: "
            "top_p 1.0 (line 3) makes every request fail (HTTP 400); set 0.95, or have the "
            "program not send top_p, by hand (unconfirmed: third-party reports, for temperature "
            "and top_p; n and the penalties not measured)",
        ),
        # Acme's file gives no value acme-think fixes temperature at
        Example(
            "llm:\n  model: acme-think\n  temperature: 0.2\n",
            path="config.yaml",
            provider="acme",
            finds=False,
        ),
        Example("llm:\n  model: gpt-4o\n  temperature: 0.0\n", path="config.yaml", finds=False),
    )

    def check(self, doc: ConfigDocument) -> Iterator[Finding]:
        provider = self.ctx.provider
        if provider is None or not migrating(self.ctx) or not provider.model_params:
            return
        other = provider.params.get("fixed_other_value")
        if other == "ignored":
            return
        doc, models = config_models(self.ctx, doc)
        for block, (_, target, source) in models.items():
            fixed = {
                config_key(param): param
                for param, (fact, _) in provider.model_param_facts(target).items()
                if fact == "fixed"
            }
            if not fixed:
                continue
            below = [e for e in doc.entries if inside(e, block, models)]
            modes = _modes(provider, target, doc, below)
            for entry in below:
                param = fixed.get(config_key(entry.key or ""))
                value = scalar_text(doc, entry) if param is not None else None
                number = _number(value)
                if param is None or value is None or number is None:
                    continue
                found = self._check(doc, entry, (param, value, number), target, source, modes)
                if found is not None:
                    yield found

    def _check(
        self,
        doc: ConfigDocument,
        entry: Entry,
        given: tuple[str, str, float],
        target: str,
        source: str | None,
        modes: list[str],
    ) -> Finding | None:
        provider = self.ctx.provider
        span = scalar_span(doc, entry)
        assert provider is not None and span is not None
        param, value, number = given
        fixed = {mode: provider.fixed_value(target, param, mode) for mode in modes}
        allowed = {mode: found[0] for mode, found in fixed.items() if found is not None}
        # what the file marks uncertain of the values (`fixed_values.<glob>`)
        doubts = [f"fixed_values.{found[1]}" for found in fixed.values() if found is not None]
        if len(allowed) != len(modes) or any(abs(v - number) < 1e-9 for v in allowed.values()):
            return None  # a value it takes, or one the file does not give (Kimi's top_p)
        if same_in_both(provider, target, param):  # Kimi's top_p: 0.95 in either mode
            allowed, modes = {"": next(iter(allowed.values()))}, []
        shown = f"{target}, to which apply maps {source}," if source else target
        line = doc.lines.position(span.start)[0]
        data: dict[str, object] = {"model": target, "param": param, "value": value}
        if source is not None:
            data["model_from"] = source
        data["allowed"] = list(allowed.values())
        if provider.params.get("fixed_other_value") != "rejected":
            return self.finding_at(
                doc,
                span,
                f"{shown} fixes {param} at {values_text(allowed)}: a request sending {value} (line "
                f"{line}) may fail; set {advice(provider, allowed)}, or have the program not "
                f"send {param}, by hand{facts_unconfirmed(provider, doubts)}",
                severity=Severity.WARNING,
                data=data,
            )
        unconfirmed = facts_unconfirmed(provider, ["params.fixed_other_value", *doubts])
        asked = " (which this mapping asks for)" if modes == ["thinking_off"] else ""
        return self.finding_at(
            doc,
            span,
            f"{shown} fixes {param} at {values_text(allowed)}{asked} and {provider.name} rejects "
            f"other values: {param} {value} (line {line}) makes every request fail (HTTP "
            f"400); set {advice(provider, allowed)}, or have the program not send {param}, by "
            f"hand{unconfirmed}",
            data=data,
        )


def _modes(provider: Provider, target: str, doc: ConfigDocument, below: list[Entry]) -> list[str]:
    """The modes requests of the mapping may run in: thinking only for a model that always
    thinks; thinking off only where the mapping sends the provider's switch, or where the
    model does not think; else either."""
    if listed(provider, "always_thinking", target):
        return ["thinking"]
    switch = provider.params.get("thinking_off_extra_body")
    if not thinks(provider, target) or (switch and sends_switch(doc, below, switch)):
        return ["thinking_off"]
    return ["thinking", "thinking_off"]


def _number(value: str | None) -> float | None:
    """The number a config value spells; None for another (a placeholder, null)."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number else None  # not NaN
