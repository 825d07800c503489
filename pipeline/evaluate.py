"""Evaluate: gold annotations + the pipeline's records → per-field scores (SPEC §6).

Gold files (annotations/*.json) name the corpus file they annotate and give texts, not offsets:
each gold text is found in the record's `text` by whitespace-collapsed search, so gold survives
changes to normalization. Scores are micro-averaged over documents.
"""
from __future__ import annotations

import bisect
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent


# --- loading ---------------------------------------------------------------------------------

def load_gold(gold_dir: str | Path = "annotations", split: Optional[str] = None) -> list[dict]:
    gold_dir = Path(gold_dir)
    if not gold_dir.is_absolute() and not gold_dir.exists():
        gold_dir = ROOT / gold_dir
    out = []
    for p in sorted(gold_dir.glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        if "corpus_file" not in g:
            continue
        if split and g.get("split") != split:
            continue
        g["_gold_path"] = str(p)
        out.append(g)
    return out


def corpus_path(gold: dict) -> Path:
    p = Path(gold["corpus_file"])
    return p if p.is_absolute() else ROOT / p


# --- locating gold texts ---------------------------------------------------------------------

class Locator:
    """Finds whitespace-collapsed strings in a text and maps them back to offsets."""

    def __init__(self, text: str):
        chars, index = [], []
        prev_space = True
        for i, ch in enumerate(text):
            if ch.isspace():
                if not prev_space:
                    chars.append(" ")
                    index.append(i)
                prev_space = True
            else:
                chars.append(ch)
                index.append(i)
                prev_space = False
        self.collapsed = "".join(chars)
        self.index = index
        self.n = len(text)
        self.cursor = 0

    @staticmethod
    def key(s: str) -> str:
        s = unicodedata.normalize("NFC", s).replace("**", "").replace("\u00d0", "Đ")
        return " ".join(s.split())

    def _span(self, i: int, j: int) -> tuple[int, int]:
        return self.index[i], (self.index[j - 1] + 1 if j > 0 else 0)

    def find(self, s: str, ordered: bool = True) -> Optional[tuple[int, int]]:
        k = self.key(s)
        if not k:
            return None
        i = self.collapsed.find(k, self.cursor if ordered else 0)
        if i == -1 and ordered:
            i = self.collapsed.find(k)
        if i == -1 and len(k) > 80:
            # anchors: the first and last 40 characters (gold crossing removed page furniture)
            a = self.collapsed.find(k[:40], self.cursor if ordered else 0)
            if a == -1:
                a = self.collapsed.find(k[:40])
            if a != -1:
                b = self.collapsed.find(k[-40:], a)
                if b != -1 and b - a < len(k) * 1.5:
                    if ordered:
                        self.cursor = a + 1
                    return self._span(a, b + 40)
            return None
        if i == -1:
            return None
        if ordered:
            self.cursor = i + 1
        return self._span(i, i + len(k))


# --- scoring primitives ----------------------------------------------------------------------

@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.p, 4), "recall": round(self.r, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Acc:
    ok: int = 0
    n: int = 0

    def add(self, good: bool) -> None:
        self.ok += int(good)
        self.n += 1

    @property
    def value(self) -> float:
        return self.ok / self.n if self.n else 1.0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.value, 4), "correct": self.ok, "n": self.n}


def _multiset_prf(pred: list, gold: list) -> tuple[int, int, int]:
    cp, cg = Counter(pred), Counter(gold)
    tp = sum((cp & cg).values())
    return tp, sum(cp.values()) - tp, sum(cg.values()) - tp


def norm_reference(r: Optional[str]) -> Optional[str]:
    # SPEC §3 upper-cases the symbol but its own example keeps "12-CTr/TU": compare case-blind
    return re.sub(r"\s+", "", r).upper() if r else None


def norm_agency(a: Optional[str]) -> str:
    if not a:
        return ""
    from .agencies import canonical_agency
    return " ".join(canonical_agency(a).lower().split())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if shorter > 0 and inter > 0 else 0.0


def match_spans(pred: list[tuple[int, int]], gold: list[Optional[tuple[int, int]]]) -> list[tuple[int, int]]:
    """One-to-one (pred_i, gold_j) pairs overlapping ≥ 50% of the shorter span, best overlap first."""
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if g is None:
                continue
            o = _overlap(p, g)
            if o >= 0.5:
                cands.append((-o, i, j))
    cands.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


# --- per-document evaluation -----------------------------------------------------------------

@dataclass
class Report:
    fields: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    documents: int = 0


def _doc_errors(name: str) -> dict:
    return {"document": name, "missed": [], "spurious": [], "wrong": []}


def score(pairs: list[tuple[object, dict]]) -> Report:
    """(predicted Document, gold dict) pairs → Report with SPEC §6 fields."""
    cit, cit_date = PRF(), Acc()
    meta = {k: Acc() for k in ("reference", "date", "doc_type", "issuer")}
    task, lead, dl_acc = PRF(), Acc(), Acc()
    dls = PRF()
    sent, sent_base = PRF(), PRF()
    rep = Report()
    for doc, gold in pairs:
        rep.documents += 1
        err = _doc_errors(gold["corpus_file"])
        loc = Locator(doc.text)
        # metadata
        gm, pm = gold.get("metadata", {}), doc.metadata
        for k in meta:
            if k not in gm:
                continue
            g, p = gm.get(k), getattr(pm, k)
            if k == "reference":
                good = norm_reference(g) == norm_reference(p)
            elif k == "issuer":
                good = norm_agency(g) == norm_agency(p)
            else:
                good = (g or None) == (p or None)
            meta[k].add(good)
            if not good:
                err["wrong"].append(f"metadata.{k}: gold {g!r} ≠ predicted {p!r}")
        # citations: sets of reference keys
        if "citations" in gold:
            gset = {norm_reference(c.get("reference")): c for c in gold["citations"] if c.get("reference")}
            pset: dict = {}
            for c in doc.citations:
                if c.reference:
                    pset.setdefault(norm_reference(c.reference), c)
            tp = set(gset) & set(pset)
            cit.add(len(tp), len(set(pset) - tp), len(set(gset) - tp))
            for r in sorted(set(gset) - tp):
                err["missed"].append(f"citation {r}")
            for r in sorted(set(pset) - tp):
                err["spurious"].append(f"citation {r}  «{pset[r].text}»")
            for r in tp:
                gd = gset[r].get("date")
                if gd is not None or pset[r].date is not None:
                    good = gd == pset[r].date
                    cit_date.add(good)
                    if not good:
                        err["wrong"].append(f"citation {r} date: gold {gd} ≠ predicted {pset[r].date}")
        # tasks
        if "tasks" in gold:
            gtasks = gold["tasks"]
            loc.cursor = 0
            gspans = [loc.find(t["text"]) for t in gtasks]
            for t, sp in zip(gtasks, gspans):
                if sp is None:
                    err["wrong"].append(f"gold task text not found in document text: «{t['text'][:80]}»")
            pspans = [(t.start, t.end) for t in doc.tasks]
            pairs_ = match_spans(pspans, gspans)
            task.add(len(pairs_), len(pspans) - len(pairs_), len(gspans) - len(pairs_))
            mp = {i for i, _ in pairs_}
            mg = {j for _, j in pairs_}
            for j, t in enumerate(gtasks):
                if j not in mg:
                    err["missed"].append(f"task {t.get('item', '')}: «{' '.join(t['text'].split())[:100]}»")
            for i, t in enumerate(doc.tasks):
                if i not in mp:
                    err["spurious"].append(f"task {t.item}: «{' '.join(t.text.split())[:100]}»")
            for i, j in pairs_:
                pt, gt = doc.tasks[i], gtasks[j]
                gl = {norm_agency(a) for a in gt.get("lead", []) if a}
                pl = {norm_agency(a) for a in pt.lead if a}
                good = bool(gl & pl) or (not gl and not pl)
                lead.add(good)
                if not good:
                    err["wrong"].append(f"task {gt.get('item', '')} lead: gold {sorted(gl)} ≠ predicted {sorted(pl)}")
                gd = (gt.get("deadline") or {}).get("date")
                pd_ = pt.deadline.date if pt.deadline else None
                dl_acc.add(gd == pd_)
                if gd != pd_:
                    err["wrong"].append(f"task {gt.get('item', '')} deadline: gold {gd} ≠ predicted {pd_}")
            # deadlines: multiset of (date, kind) over all tasks
            def dkeys(ts, get):
                out = []
                for t in ts:
                    for d in get(t):
                        if d:
                            out.append((d.get("date") if isinstance(d, dict) else d.date,
                                        d.get("kind") if isinstance(d, dict) else d.kind))
                return out
            gk = dkeys(gtasks, lambda t: [t.get("deadline")] + list(t.get("deadlines_other") or []))
            pk = dkeys(doc.tasks, lambda t: [t.deadline] + list(t.deadlines_other))
            tp_, fp_, fn_ = _multiset_prf(pk, gk)
            dls.add(tp_, fp_, fn_)
            for k, c in (Counter(gk) - Counter(pk)).items():
                err["missed"].append(f"deadline {k} ×{c}")
            for k, c in (Counter(pk) - Counter(gk)).items():
                err["spurious"].append(f"deadline {k} ×{c}")
        # sentences (body zone)
        gs = [s for s in gold.get("sentences", []) if s.get("zone", "body") == "body"]
        if gs:
            gkeys = [Locator.key(s["text"]) for s in gs]
            pkeys = [Locator.key(doc.text[s.start:s.end]) for s in doc.sentences if s.zone == "body"]
            tp_, fp_, fn_ = _multiset_prf(pkeys, gkeys)
            sent.add(tp_, fp_, fn_)
            for k in (Counter(gkeys) - Counter(pkeys)):
                err["missed"].append(f"sentence «{k[:100]}»")
            for k in (Counter(pkeys) - Counter(gkeys)):
                err["spurious"].append(f"sentence «{k[:100]}»")
            # baseline: underthesea's sent_tokenize alone over the same body text
            loc.cursor = 0
            spans = [loc.find(s["text"]) for s in gs]
            first, last = spans[0], next((sp for sp in reversed(spans) if sp), None)
            if first and last:
                from underthesea import sent_tokenize  # lazy: heavy import, baseline only
                bkeys = [Locator.key(x) for x in sent_tokenize(doc.text[first[0]:last[1]])]
                sent_base.add(*_multiset_prf(bkeys, gkeys))
        if err["missed"] or err["spurious"] or err["wrong"]:
            rep.errors.append(err)
    rep.fields = {
        "citations": cit.as_dict(), "citation_date": cit_date.as_dict(),
        **{f"metadata.{k}": v.as_dict() for k, v in meta.items()},
        "tasks": task.as_dict(), "task_lead": lead.as_dict(), "task_deadline": dl_acc.as_dict(),
        "deadlines": dls.as_dict(),
        "sentences_body": sent.as_dict(), "sentences_body_baseline_underthesea": sent_base.as_dict(),
    }
    return rep


def run(gold_dir: str | Path = "annotations", split: Optional[str] = None) -> Report:
    from .stages import extract
    pairs = []
    for g in load_gold(gold_dir, split):
        pairs.append((extract(corpus_path(g)), g))
    return score(pairs)


def format_table(rep: Report, title: str = "") -> str:
    lines = [f"{title}{rep.documents} documents", f"{'field':<38} {'P':>6} {'R':>6} {'F1/acc':>7} {'n':>6}"]
    for name, v in rep.fields.items():
        if "f1" in v:
            lines.append(f"{name:<38} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>7.3f} {v['tp'] + v['fn']:>6}")
        else:
            lines.append(f"{name:<38} {'':>6} {'':>6} {v['accuracy']:>7.3f} {v['n']:>6}")
    return "\n".join(lines)


def main(args) -> int:
    rep = run(args.gold, split=args.split)
    if args.json:
        out = {"split": args.split, "documents": rep.documents, "fields": rep.fields}
        if args.errors:
            out["errors"] = rep.errors
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(format_table(rep, f"split={args.split or 'all'}: "))
    if args.errors:
        for e in rep.errors:
            print(f"\n== {e['document']}")
            for kind in ("missed", "spurious", "wrong"):
                for x in e[kind]:
                    print(f"  {kind:<8} {x}")
    return 0
