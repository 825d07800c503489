"""congvan: Vietnamese official dispatches → document records and a task table.

    from pipeline import extract, to_frame
    doc = extract("corpus/seeds/002_a89452024ccfde22.txt")
    table = to_frame([doc])
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract", "extract_all", "to_frame", "evaluate"]


def extract(path_or_text):
    """A file path or the text of one dispatch → `Document` (see pipeline.records)."""
    from .stages import extract as _extract
    return _extract(path_or_text)


def extract_all(paths):
    """Files and folders → iterator of (path, Document | IngestError)."""
    from .stages import extract_all as _extract_all
    return _extract_all(paths)


def to_frame(docs):
    """Documents → the SPEC §2 task table (pandas DataFrame)."""
    from .table import to_frame as _to_frame
    return _to_frame(docs)


def __getattr__(name):
    # `pipeline.evaluate` is a module (scoring against annotations/), imported on first use
    if name == "evaluate":
        import importlib
        return importlib.import_module(".evaluate", __name__)
    raise AttributeError(name)
