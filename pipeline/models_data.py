"""Model data: files under models/ → Python objects, loaded once and cached."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


@lru_cache(maxsize=None)
def load(name: str):
    """Load models/<name>.yaml|.yml|.json (the first that exists)."""
    for ext in (".yaml", ".yml", ".json"):
        p = MODELS_DIR / f"{name}{ext}"
        if p.exists():
            if ext == ".json":
                return json.loads(p.read_text(encoding="utf-8"))
            import yaml  # lazy: only when a YAML model is first needed
            return yaml.safe_load(p.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"model data '{name}' not found in {MODELS_DIR}")
