"""Chat, embeddings and a routed chat through litellm (a test app for migrate-llm)."""

import os
import sys

import litellm
from litellm import Router

CHAT_MODEL = "gpt-4o-mini"

router = Router(
    model_list=[
        {
            "model_name": "smart",
            "litellm_params": {"model": "gpt-4o", "api_key": os.getenv("OPENAI_API_KEY")},
        }
    ]
)


def ask(question: str) -> str:
    response = litellm.completion(
        model=CHAT_MODEL,
        messages=[{"role": "user", "content": question}],
    )
    return response.choices[0].message.content


def embed(texts: list[str]) -> list[list[float]]:
    response = litellm.embedding(model="text-embedding-3-small", input=texts)
    return [item["embedding"] for item in response.data]


def embed_one(text: str, model: str = "text-embedding-ada-002", timeout: int = 600) -> list:
    from litellm import embedding

    params = {"model": model, "input": [text], "timeout": timeout}
    response = embedding(**params)
    return response["data"][0]["embedding"]


def ask_smart(question: str) -> str:
    response = router.completion(model="smart", messages=[{"role": "user", "content": question}])
    return response.choices[0].message.content


if __name__ == "__main__":
    print(f"ask: {ask('hi')}")
    print(f"smart: {ask_smart('hi')}")
    if "--skip-embeddings" not in sys.argv:
        vectors = embed(["a", "b"])
        print(f"embed: {len(vectors)} {len(vectors[0])}")
        print(f"embed one: {len(embed_one('c'))}")
