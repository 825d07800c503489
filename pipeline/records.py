"""Records: the typed objects every stage reads and writes (SPEC §1).

Offsets are character offsets into `Document.text` (the normalized text), end exclusive. Each
record serialises to exactly the SPEC field names with `to_dict()`; extra fields are additions,
never renames.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

SCHEMA = "congvan/1"

ZONES = ("header", "body", "signature", "recipients")
DEADLINE_KINDS = ("date", "month", "quarter", "year", "relative", "event", "recurring")


@dataclass
class Page:
    """One page (or the whole text of a non-paged file) as read from the source."""
    number: int  # 1-based
    text: str
    ocr: bool = False
    confidence: Optional[float] = None  # mean OCR word confidence 0–100, None for a text layer


@dataclass
class RawDocument:
    """What ingest hands to normalize: the pages of one source file and facts about it."""
    path: Optional[str]
    format: str  # txt|md|pdf|docx|image|html|json
    pages: list[Page]
    sha256: str
    info: dict[str, Any] = field(default_factory=dict)  # e.g. crawl "number"/"issue_date", PDF signing time


@dataclass
class Sentence:
    start: int
    end: int
    zone: str  # header|body|signature|recipients

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "zone": self.zone}


@dataclass
class Signer:
    name: Optional[str] = None
    title: Optional[str] = None
    authority: Optional[str] = None  # "KT. Chủ tịch", "TM. Ủy ban nhân dân", …


@dataclass
class Metadata:
    issuer: Optional[str] = None
    issuer_parent: Optional[str] = None
    doc_type: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None
    reference: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = None  # "2024-05-06", partial "2022-06" / "2023", or None
    subject: Optional[str] = None
    recipients: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    # additions beyond SPEC §1
    date_source: Optional[str] = None  # "header" | "signature" | None — where the date came from


@dataclass
class Citation:
    text: str
    start: int
    end: int
    doc_type: Optional[str] = None
    number: Optional[str] = None
    symbol: Optional[str] = None
    reference: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    antecedent: Optional[str] = None  # for "Báo cáo nêu trên": the reference it points to
    suspect: bool = False  # printed date after the citing document's own: the symbol's year used

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Agency:
    """An agency (or a person standing for one) named in the text."""
    text: str
    start: int
    end: int
    name: str  # canonical form per SPEC §3: abbreviations expanded, head dropped

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Deadline:
    text: str
    start: int
    end: int
    date: Optional[str]
    kind: str  # one of DEADLINE_KINDS
    rule: Optional[str] = None  # RFC 5545 RRULE for kind "recurring"
    suspect: bool = False  # printed year was an obvious typo and was corrected

    def to_dict(self) -> dict:
        d = {"text": self.text, "start": self.start, "end": self.end, "date": self.date, "kind": self.kind}
        if self.rule:
            d["rule"] = self.rule
        if self.suspect:
            d["suspect"] = True
        return d


@dataclass
class Task:
    id: str
    item: str
    text: str
    start: int
    end: int
    action: str = ""
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    report_to: list[str] = field(default_factory=list)
    deadline: Optional[Deadline] = None
    deadlines_other: list[Deadline] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "item": self.item, "text": self.text, "start": self.start, "end": self.end,
            "action": self.action, "lead": list(self.lead), "support": list(self.support),
            "report_to": list(self.report_to),
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "deadlines_other": [d.to_dict() for d in self.deadlines_other],
            "citations": list(self.citations),
        }


@dataclass
class Document:
    doc_id: str
    source: dict[str, Any]
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    citations: list[Citation] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict:
        return {
            "schema": self.schema,
            "doc_id": self.doc_id,
            "source": dict(self.source),
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "metadata": asdict(self.metadata),
            "citations": [c.to_dict() for c in self.citations],
            "tasks": [t.to_dict() for t in self.tasks],
        }
