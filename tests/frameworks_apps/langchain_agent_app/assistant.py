"""A LangChain agent built from a model string, as gpt-researcher's deep research agent is."""

import json

from langchain.agents import create_agent

PLANNER = "openai:gpt-4o-mini"


def lookup(city: str) -> str:
    """The weather in a city."""
    return f"sunny in {city}"


planner = create_agent(model=PLANNER, tools=[lookup], system_prompt="Be brief.")
writer = create_agent(model="openai:gpt-4o", tools=[])

if __name__ == "__main__":
    question = {"messages": [{"role": "user", "content": "Weather in Paris?"}]}
    planned = planner.invoke(question)["messages"][-1].content
    written = writer.invoke({"messages": [{"role": "user", "content": planned}]})
    print(json.dumps({"planned": planned, "written": written["messages"][-1].content}))
