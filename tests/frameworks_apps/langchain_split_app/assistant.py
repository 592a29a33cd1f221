"""Models built from `provider/model` strings the app splits itself: one chat answer and two
document embeddings."""

import json

from configuration import Configuration
from langchain.chat_models import init_chat_model
from langchain_openai import OpenAIEmbeddings


def load_chat_model(fully_specified_name: str):
    provider, model = fully_specified_name.split("/", maxsplit=1)
    return init_chat_model(model, model_provider=provider, temperature=0)


def make_text_encoder(name: str):
    provider, model = name.split("/", maxsplit=1)
    if provider == "openai":
        return OpenAIEmbeddings(model=model)
    raise ValueError(f"unsupported embedding provider: {provider}")


def main() -> None:
    config = Configuration()
    answer = load_chat_model(config.response_model).invoke("Say hello in one word.")
    vectors = make_text_encoder(config.embedding_model).embed_documents(["first", "second"])
    print(json.dumps({"answer": answer.content, "vectors": len(vectors)}))


if __name__ == "__main__":
    main()
