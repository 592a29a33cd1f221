"""A smolagents model routed through litellm's Router: two deployments under the aliases the
application asks for."""

from smolagents import ChatMessage, LiteLLMRouterModel

model = LiteLLMRouterModel(
    model_id="fast",
    model_list=[
        {"model_name": "fast", "litellm_params": {"model": "gpt-4o-mini"}},
        {"model_name": "fast", "litellm_params": {"model": "gpt-4o-mini"}},
    ],
)


def ask(question: str) -> str:
    message = ChatMessage(role="user", content=[{"type": "text", "text": question}])
    return model.generate([message]).content


if __name__ == "__main__":
    print(f"router: {ask('Say hi')}")
