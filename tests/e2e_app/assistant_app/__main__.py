"""python -m assistant_app [--skip-embeddings]"""

from .main import main

raise SystemExit(main())
