"""A Semantic Kernel tool loop: the model asks for a plugin function, the kernel calls it and
sends the result back; the answer printed as JSON."""

import asyncio
import json
from typing import Annotated

from semantic_kernel import Kernel
from semantic_kernel.connectors.ai import FunctionChoiceBehavior
from semantic_kernel.connectors.ai.open_ai import (
    OpenAIChatCompletion,
    OpenAIChatPromptExecutionSettings,
)
from semantic_kernel.functions import KernelArguments, kernel_function


class Orders:
    @kernel_function(description="Where an order is.")
    def status(self, order_id: Annotated[str, "The order's id."]) -> str:
        return f"order {order_id} has shipped"


async def main() -> None:
    kernel = Kernel()
    kernel.add_service(OpenAIChatCompletion(ai_model_id="gpt-4o", service_id="chat"))
    kernel.add_plugin(Orders(), "orders")
    settings = OpenAIChatPromptExecutionSettings(
        service_id="chat", function_choice_behavior=FunctionChoiceBehavior.Auto()
    )
    answer = await kernel.invoke_prompt(
        "Where is order 42?", arguments=KernelArguments(settings=settings)
    )
    print(json.dumps({"answer": str(answer)}))


if __name__ == "__main__":
    asyncio.run(main())
