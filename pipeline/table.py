"""Table: Documents → the flat task table (SPEC §2), one row per task, as a pandas DataFrame."""
from __future__ import annotations

from typing import Iterable

from .records import Document

COLUMNS = ["doc_id", "source_path", "doc_reference", "doc_type", "doc_date", "issuer", "subject",
           "task_id", "item", "task", "action", "lead", "support", "report_to", "deadline_date",
           "deadline_kind", "deadline_text", "citations"]


def rows(docs: Iterable[Document]) -> list[dict]:
    out = []
    for d in docs:
        md = d.metadata
        for t in d.tasks:
            dl = t.deadline
            out.append({
                "doc_id": d.doc_id, "source_path": d.source.get("path"), "doc_reference": md.reference,
                "doc_type": md.doc_type, "doc_date": md.date, "issuer": md.issuer, "subject": md.subject,
                "task_id": t.id, "item": t.item, "task": " ".join(t.text.split()), "action": t.action,
                "lead": "; ".join(t.lead), "support": "; ".join(t.support), "report_to": "; ".join(t.report_to),
                "deadline_date": dl.date if dl else None, "deadline_kind": dl.kind if dl else None,
                "deadline_text": dl.text if dl else None, "citations": "; ".join(t.citations),
            })
    return out


def to_frame(docs: Iterable[Document]):
    """The task table as a pandas DataFrame with the SPEC §2 columns, in that order."""
    import pandas as pd  # lazy: heavy import
    return pd.DataFrame(rows(docs), columns=COLUMNS)
