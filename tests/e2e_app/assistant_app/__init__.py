"""A support assistant that answers questions about orders (the issue 9 acceptance app)."""
