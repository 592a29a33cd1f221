"""A DSPy language model used directly (a test app for migrate-llm)."""

import dspy

lm = dspy.LM("openai/gpt-4o-mini", cache=False)

if __name__ == "__main__":
    print(f"dspy: {lm('Say hi')[0]}")
