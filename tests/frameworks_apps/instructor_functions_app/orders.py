"""Read an order number out of a message: the legacy `functions=` request, parsed by
instructor's `OpenAISchema.from_response`."""

from instructor import OpenAISchema
from openai import OpenAI

client = OpenAI()


class Order(OpenAISchema):
    order_id: str


def order_of(text: str) -> Order:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        functions=[Order.openai_schema],
        function_call={"name": Order.openai_schema["name"]},
        messages=[{"role": "user", "content": text}],
    )
    return Order.from_response(completion)


if __name__ == "__main__":
    print(f"order: {order_of('Where is my order 42?').order_id}")
