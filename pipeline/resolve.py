"""Resolve: citations and dates against the document — issuers from symbols, "Báo cáo nêu trên"
→ its antecedent. Deadlines are resolved against the document date inside the deadline stage,
which receives that date explicitly (never "today")."""
from __future__ import annotations

import re

from .records import Citation, Metadata

_SYMBOL_YEAR = re.compile(r"^((?:19|20)\d\d)/")


def fix_future_date(c: Citation, doc_date: str | None) -> None:
    """A cited document cannot postdate the one citing it: "Nghị định số 168/2024/NĐ-CP ngày 26
    tháng 12 năm 2025" in a text of 21/4/2025 is a typo for 2024, the year in its symbol."""
    if not (c.date and doc_date and len(doc_date) == 10 and c.date > doc_date and c.symbol):
        return
    m = _SYMBOL_YEAR.match(c.symbol)
    if m and m.group(1) + c.date[4:] <= doc_date:
        c.date = m.group(1) + c.date[4:]
        c.suspect = True


def citations(text: str, found: list[Citation], md: Metadata) -> list[Citation]:
    from . import citations as cit

    own = md.reference
    out = [c for c in found if not (own and c.reference == own)]  # the document naming itself
    for c in out:
        if not c.issuer and c.symbol:
            c.issuer = cit.issuer_of_symbol(c.symbol)
        if not c.doc_type and c.symbol:
            c.doc_type = cit.doc_type_of_symbol(c.symbol)
        fix_future_date(c, md.date)
    out = out + cit.resolve_antecedents(text, out, own_reference=own)
    out.sort(key=lambda c: (c.start, c.end))
    return out
