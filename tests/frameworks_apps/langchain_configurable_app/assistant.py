"""LangChain's configurable init_chat_model: the model named per run, asked for a typed answer."""

import json

from langchain.chat_models import init_chat_model
from pydantic import BaseModel


class Order(BaseModel):
    """The order a question is about."""

    order_id: str


MODEL = "openai:gpt-4o-mini"
configurable_model = init_chat_model(configurable_fields=("model", "temperature"))


def main() -> None:
    extractor = (
        configurable_model.with_structured_output(Order)
        .with_retry(stop_after_attempt=1)
        .with_config({"configurable": {"model": MODEL, "temperature": 0}})
    )
    order = extractor.invoke("Where is order 42?")
    print(json.dumps({"order_id": order.order_id}))


if __name__ == "__main__":
    main()
