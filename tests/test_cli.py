"""CLI: a batch goes on past a bad file, names it, and says so in the exit code."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus/seeds/002_a89452024ccfde22.txt"


def run(*args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_extract_folder_with_a_bad_file(tmp_path):
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{broken", encoding="utf-8")
    r = run("extract", str(tmp_path))
    assert r.returncode == 1
    assert "bad.json" in r.stderr and "invalid JSON" in r.stderr
    recs = [json.loads(l) for l in r.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["metadata"]["reference"] == "2268/UBND-TTHC"


def test_extract_csv_task_table(tmp_path):
    out = tmp_path / "t.csv"
    r = run("extract", str(SEED), "-o", str(out), "--format", "csv")
    assert r.returncode == 0, r.stderr
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("doc_id,source_path,doc_reference,doc_type,doc_date,issuer,subject,task_id")


def test_help_is_instant_and_imports_nothing_heavy():
    code = ("import sys, pipeline.cli as c\n"
            "try:\n    c.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas','underthesea','regex','pdfplumber','pypdfium2','yaml') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip().splitlines()[-1] == "[]"


def test_sentences_command_prints_zones():
    r = run("sentences", str(SEED))
    assert r.returncode == 0
    assert any(l.startswith("body") and "2. Giao các sở, ban, ngành" in l for l in r.stdout.splitlines())
