"""Model clients built from a settings file (a test app for migrate-llm)."""

from autogen_ext.models.openai import OpenAIChatCompletionClient


def make(config):
    return OpenAIChatCompletionClient(model=config["model"], temperature=0)
