"""Resolve: citations and dates against the document — issuers from symbols, "Báo cáo nêu trên"
→ its antecedent. Deadlines are resolved against the document date inside the deadline stage,
which receives that date explicitly (never "today")."""
from __future__ import annotations

from .records import Citation, Metadata


def citations(text: str, found: list[Citation], md: Metadata) -> list[Citation]:
    from . import citations as cit

    own = md.reference
    out = [c for c in found if not (own and c.reference == own)]  # the document naming itself
    for c in out:
        if not c.issuer and c.symbol:
            c.issuer = cit.issuer_of_symbol(c.symbol)
        if not c.doc_type and c.symbol:
            c.doc_type = cit.doc_type_of_symbol(c.symbol)
    out = out + cit.resolve_antecedents(text, out, own_reference=own)
    out.sort(key=lambda c: (c.start, c.end))
    return out
