"""A triage assistant on the OpenAI Agents SDK whose agents run on LiteLLM models, with a run
that overrides the model by name (a test app for migrate-llm).

`triage` runs on `LitellmModel` with litellm's OpenAI route; the second run's `RunConfig`
names a model, which the SDK looks up through its default (OpenAI) client.
"""

import asyncio

from agents import Agent, RunConfig, Runner
from agents.extensions.models.litellm_model import LitellmModel

triage = Agent(
    name="Triage",
    instructions="Say which team should handle the request, in one word.",
    model=LitellmModel(model="openai/gpt-4o-mini"),
)


async def main() -> None:
    first = await Runner.run(triage, "My invoice is wrong.")
    print(f"triage: {first.final_output}")
    second = await Runner.run(triage, "Hello!", run_config=RunConfig(model="gpt-4o"))
    print(f"override: {second.final_output}")


if __name__ == "__main__":
    asyncio.run(main())
