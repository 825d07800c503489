"""Legacy encodings: TCVN3 (ABC) / VNI text → Unicode, and a Vietnamese-syllable test of text quality.

Archives still hold text typed in the pre-Unicode fonts .VnTime (TCVN3) and VNI-Times (VNI). It
reaches us as Latin-1 look-alikes: "Uû ban nh©n d©n" (TCVN3), "Uûy ban nhaân daân" (VNI). The tables
are data (models/legacy_encodings/*.json, rebuilt by scripts/build_legacy_encodings.py); detection is
by the share of tokens that are real Vietnamese syllables before and after conversion, so normal
Unicode Vietnamese and English are left alone. The same syllable share tells ingest when a PDF text
layer is garbled (a broken font map) and the page must be OCRed.
"""
from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

MODELS = Path(__file__).resolve().parents[1] / "models" / "legacy_encodings"
ENCODINGS = ("tcvn3", "vni")

_SAMPLE = 4000  # characters judged: a legacy file is legacy from its first line
_LOW_BYTES = bytes(range(0xA1))  # deleted to count the Latin-1 bytes legacy text is made of
_TOKEN_STRIP = ".,;:!?()[]{}\"'“”‘’…-–—/*%"
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


# --- data --------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, str]:
    return json.loads((MODELS / f"{name}.json").read_text(encoding="utf-8"))["map"]


@lru_cache(maxsize=None)
def _converter(name: str) -> regex.Pattern:
    keys = sorted(_table(name), key=len, reverse=True)  # VNI: base+modifier before the lone byte
    return regex.compile("|".join(regex.escape(k) for k in keys))


@lru_cache(maxsize=None)
def _syllables() -> tuple[frozenset[str], frozenset[str]]:
    import yaml  # lazy: only needed when a text is judged

    data = yaml.safe_load((MODELS / "syllables.yaml").read_text(encoding="utf-8"))
    rhymes = [r for group in data["rhymes"] for r in group["rhymes"]]
    valid = frozenset(o + r for o in data["onsets"] for r in rhymes)
    return valid, frozenset(data["english_markers"])


@lru_cache(maxsize=4096)
def _bare(token: str) -> str:
    """Lower-case, tone marks removed, quality marks kept: "Quyết" → "quyêt"."""
    decomposed = unicodedata.normalize("NFD", token.lower()).translate(_TONE_MARKS)
    return unicodedata.normalize("NFC", decomposed)


# --- judging text --------------------------------------------------------------------------------

def syllable_share(text: str, *, non_ascii_only: bool = False, limit: int = 4000) -> tuple[float, int]:
    """Share of word tokens that are Vietnamese syllables, and how many tokens were judged.

    Tokens with digits and all-capital ASCII abbreviations ("UBND", "PAR") are not judged. With
    `non_ascii_only`, only tokens holding a non-ASCII character count (what separates legacy text
    from its conversion: both share the plain "ban", "do")."""
    valid, _ = _syllables()
    good = seen = 0
    for raw in text.split()[:limit]:
        tok = raw.strip(_TOKEN_STRIP)
        if not tok or len(tok) > 8 or any(c.isdigit() for c in tok):
            continue
        if tok.isascii():
            if non_ascii_only or (tok.isupper() and len(tok) > 1):
                continue
        seen += 1
        good += _bare(tok) in valid
    return (good / seen if seen else 1.0), seen


def english_share(text: str, limit: int = 2000) -> float:
    _, markers = _syllables()
    words = [w.strip(_TOKEN_STRIP).lower() for w in text.split()[:limit]]
    words = [w for w in words if w]
    return sum(w in markers for w in words) / len(words) if words else 0.0


def looks_garbled(text: str, *, min_tokens: int = 20, threshold: float = 0.55) -> bool:
    """True when text is not readable Vietnamese (nor English): a broken PDF font map, say.

    "Cộng hòa xã hội" passes; "Céng hoµ x· héi" and "Qf!ebj mpo" do not. Judged on the first
    400 words: a broken font map garbles the whole page."""
    share, seen = syllable_share(text, limit=400)
    if seen < min_tokens or share >= threshold:
        return False
    return english_share(text) < 0.08


# --- converting ------------------------------------------------------------------------------------

def to_unicode(text: str, encoding: str) -> str:
    """Convert legacy text ("tcvn3" or "vni") to NFC Unicode with modern tone placement."""
    table = _table(encoding)
    out = _converter(encoding).sub(lambda m: table[m.group()], text)
    return modern_tone_placement(_uppercase_words(out))


def modern_tone_placement(text: str) -> str:
    """ "Uỷ ban", "hoà" → "Ủy ban", "hòa" (the SPEC spelling); "quý", "hoàn" are left alone."""
    pairs = _table("tone_placement")
    pat = _tone_pattern()
    return pat.sub(lambda m: pairs[m.group()], text)


@lru_cache(maxsize=None)
def _tone_pattern() -> regex.Pattern:
    keys = "|".join(regex.escape(k) for k in _table("tone_placement"))
    return regex.compile(rf"(?<![qQ])(?:{keys})(?!\w)")


def _uppercase_words(text: str) -> str:
    """The .VnTimeH fonts draw lower-case TCVN3 codes as capitals: "CéNG HOµ X·" → "CỘNG HOÀ XÃ".

    A line whose ASCII letters are all capitals is a capitals line; elsewhere a word with two
    capitals and no ASCII lower-case letter is ("VIÖT" → "VIỆT", but "Uû" stays "Ủy")."""
    def word(m: regex.Match) -> str:
        w = m.group()
        if sum(c.isupper() for c in w) >= 2 and not any(c.islower() and c.isascii() for c in w):
            return w.upper()
        return w

    lines = []
    for line in text.split("\n"):
        letters = [c for c in line if c.isascii() and c.isalpha()]
        if len(letters) >= 3 and not any(c.islower() for c in letters):
            lines.append(line.upper())
        else:
            lines.append(regex.sub(r"\w+", word, line))
    return "\n".join(lines)


def detect(text: str) -> str | None:
    """Which legacy encoding the text is in ("tcvn3" / "vni"), or None for Unicode / English.

    Cheap filter first (C-speed string operations on a sample, ~20 µs): legacy text is Latin-1
    characters with many above 0xA0, while Unicode Vietnamese has many letters above U+00FF."""
    if text.isascii():
        return None
    sample = text[:_SAMPLE]
    latin = sample.encode("latin-1", errors="ignore")
    beyond = len(sample) - len(latin)          # characters above U+00FF (ạ, ố, ư, “, –, …)
    high = len(latin.translate(None, _LOW_BYTES))  # Latin-1 characters above 0xA0
    if high < 3 or high < len(sample) // 200 or beyond > len(sample) * 0.03:
        return None
    before, seen = syllable_share(sample, non_ascii_only=True)
    if seen < 3:
        return None
    best, best_share = None, before
    for enc in ENCODINGS:
        share, n = syllable_share(to_unicode(sample, enc), non_ascii_only=True)
        if n >= 3 and share >= 0.7 and share > best_share + 0.2:
            best, best_share = enc, share
    return best


def fix_legacy(text: str) -> tuple[str, str | None]:
    """(Unicode text, encoding found or None). Text that is not legacy comes back unchanged."""
    enc = detect(text)
    return (to_unicode(text, enc), enc) if enc else (text, None)


def font_encoding(font_name: str | None) -> str | None:
    """Legacy encoding implied by a font name: ".VnTime"/".VnTimeH" → tcvn3, "VNI-Times" → vni."""
    if not font_name:
        return None
    name = font_name.strip().lower()
    if name.startswith(".vn") or name.startswith("vn3") or name.startswith("abc"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None
