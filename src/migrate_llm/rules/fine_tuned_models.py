"""What is said of a model fine-tuned on OpenAI (`[detect] fine_tuned_models` of
providers/openai.toml), in code (ML201, ML202) and in config files (ML503) alike."""

from __future__ import annotations

from migrate_llm.registry import Provider


def fine_tuned_message(
    subject: str, model: str, base: str, provider: Provider | None, surface: str
) -> str:
    """What is said of `model`, fine-tuned on OpenAI from `base`: no provider has it."""
    said = f"{subject} is a model fine-tuned on OpenAI from {base}: only the OpenAI account"
    if provider is None:
        return f"{said} that trained it can use it; `--provider ID` names models to choose from"
    choices = ", ".join(provider.candidates(surface))
    pick = f"one of {choices}" if choices else f"a model from {provider.docs}"
    return (
        f"{said} that trained it can use it; fine-tune a model on {provider.name} with the "
        f"same data or choose {pick} (or pass --model {model}=NAME)"
    )
