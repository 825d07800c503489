"""Build the legacy Vietnamese encoding tables: TCVN3 (ABC) and VNI byte codes → Unicode JSON.

    .venv/bin/python scripts/build_legacy_encodings.py

Writes models/legacy_encodings/{tcvn3,vni,tone_placement}.json. The tables are keyed by the
Latin-1 character of each byte, because that is how legacy text reaches us: bytes read as Latin-1
/ Windows-1252, or a .docx run whose font is .VnTime / VNI-Times holding those same characters.

Sources: TCVN 5712:1993 table VN3 (the "ABC" fonts .VnTime, .VnArial; the "H" fonts .VnTimeH
draw the same lower-case codes as capitals), and the VNI-Windows font encoding (VNI-Times), where a
vowel is a base letter followed by one modifier byte.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "models" / "legacy_encodings"

TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng

# --- TCVN3: one byte per letter -------------------------------------------------------------
TCVN3_BASES = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
               0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ"}
# per vowel: codes of huyền, hỏi, ngã, sắc, nặng
TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}

# --- VNI: base letter + modifier byte ------------------------------------------------------
# modifier byte → (quality mark or "", tone or ""); lower-case bytes, upper-case ones follow
VNI_TONE = {0xF9: "\u0301", 0xF8: "\u0300", 0xFB: "\u0309", 0xF5: "\u0303", 0xEF: "\u0323"}
VNI_CIRCUMFLEX = {0xE2: "", 0xE1: "\u0301", 0xE0: "\u0300", 0xE5: "\u0309", 0xE3: "\u0303", 0xE4: "\u0323"}
VNI_BREVE = {0xEA: "", 0xE9: "\u0301", 0xE8: "\u0300", 0xFA: "\u0309", 0xFC: "\u0303", 0xEB: "\u0323"}
VNI_UPPER = {0xF9: 0xD9, 0xF8: 0xD8, 0xFB: 0xDB, 0xF5: 0xD5, 0xEF: 0xCF,
             0xE2: 0xC2, 0xE1: 0xC1, 0xE0: 0xC0, 0xE5: 0xC5, 0xE3: 0xC3, 0xE4: 0xC4,
             0xEA: 0xCA, 0xE9: 0xC9, 0xE8: 0xC8, 0xFA: 0xDA, 0xFC: 0xDC, 0xEB: 0xCB}
# single bytes that are whole letters
VNI_SINGLE = {0xF4: "ơ", 0xF6: "ư", 0xF1: "đ", 0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
              0xD4: "Ơ", 0xD6: "Ư", 0xD1: "Đ", 0xCD: "Í", 0xCC: "Ì", 0xC6: "Ỉ", 0xD3: "Ĩ", 0xD2: "Ị", 0xCE: "Ỵ"}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def tcvn3_table() -> dict[str, str]:
    table = {chr(code): ch for code, ch in TCVN3_BASES.items()}
    for vowel, codes in TCVN3_TONED.items():
        for code, tone in zip(codes, TONES):
            table[chr(code)] = nfc(vowel + tone)
    return table


def vni_table() -> dict[str, str]:
    table = {chr(code): ch for code, ch in VNI_SINGLE.items()}
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "A": "A", "E": "E", "O": "O", "U": "U", "Y": "Y",
             "\xf4": "ơ", "\xf6": "ư", "\xd4": "Ơ", "\xd6": "Ư"}  # ô ö Ô Ö are the horn letters
    for key, base in bases.items():
        plain = base.lower()
        for code, tone in VNI_TONE.items():
            _add_vni(table, key, base, code, tone)
        if plain in "aeo":
            for code, tone in VNI_CIRCUMFLEX.items():
                _add_vni(table, key, base, code, "\u0302" + tone)
        if plain == "a":
            for code, tone in VNI_BREVE.items():
                _add_vni(table, key, base, code, "\u0306" + tone)
    return table


def _add_vni(table: dict[str, str], key: str, base: str, code: int, marks: str) -> None:
    # a modifier byte of either case follows a base of either case ("Uû", "UÛ" both "Ủ")
    for mod in (code, VNI_UPPER[code]):
        letter = nfc(base + marks)
        table[key + chr(mod)] = letter


def tone_placement() -> dict[str, str]:
    """Old-style tone on the second vowel of oa/oe/uy ("hoà", "uỷ") → modern on the first ("hòa",
    "ủy"), as SPEC writes "Ủy ban"; applied only at a syllable end and never after "q" (quý)."""
    pairs = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in TONES:
            for f, s in ((first, second), (first.upper(), second), (first.upper(), second.upper())):
                pairs[f + nfc(s + tone)] = nfc(f + tone) + s
    return pairs


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = {
        "tcvn3.json": {"name": "TCVN3 (ABC)", "fonts": [".VnTime", ".VnTimeH", ".VnArial", ".VnArialH"],
                       "example": ["Uû ban nh©n d©n", "Uỷ ban nhân dân"], "map": tcvn3_table()},
        "vni.json": {"name": "VNI", "fonts": ["VNI-Times", "VNI-Helve", "VNI-Arial"],
                     "example": ["Uûy ban nhaân daân", "Ủy ban nhân dân"], "map": vni_table()},
        "tone_placement.json": {"name": "old → modern tone placement",
                                "example": ["Uỷ ban, hoà", "Ủy ban, hòa"], "map": tone_placement()},
    }
    for name, obj in files.items():
        path = OUT / name
        path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{path.relative_to(OUT.parents[1])}: {len(obj['map'])} entries")


if __name__ == "__main__":
    main()
