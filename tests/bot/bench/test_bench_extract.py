"""The extraction-speed benchmark, run tiny on hand-made inputs: what it reads, how it groups, its JSON."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from bot.bench.extract import BenchInputError, read_corpus, run_extract_bench
from bot.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"

LONG_TEXT = "We are hiring in Madrid. Fluent Spanish is required. " * 200


def _lines(path: Path, records: list[dict], *, zipped: bool = False) -> Path:
    body = "".join(json.dumps(r) + "\n" for r in records)
    if zipped:
        path.write_bytes(gzip.compress(body.encode()))
    else:
        path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "greenhouse").mkdir(parents=True)
    shutil.copy(FIXTURES / "greenhouse" / "jobs.json", folder / "greenhouse" / "northwind.json")
    _lines(
        folder / "cli.jsonl",
        [
            {"id": "a", "title": "Intern", "text": "Paris, France. French required.", "source": "lever:acme"},
            {"id": "b", "title": "Engineer", "text": LONG_TEXT, "source": "lever:other"},
            {"id": "c", "title": "Nurse", "text": "Night shifts in Lyon."},
        ],
    )
    _lines(  # the captured dev postings' shape: location_raw and board
        folder / "dev.jsonl.gz",
        [
            {
                "id": "d",
                "title": "Analyst",
                "location_raw": "Berlin",
                "board": "x",
                "text": "",
                "source": "ashby",
            }
        ],
        zipped=True,
    )
    _lines(folder / "labels.jsonl", [{"id": "a", "required": ["fr"]}])
    (folder / "page.txt").write_text(
        "Marketing intern, Milan. Italian and English required.", encoding="utf-8"
    )
    (folder / "PROVENANCE.txt").write_text("where these came from", encoding="utf-8")
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    return folder


def test_reads_each_kind_of_input_into_its_family_and_skips_the_rest(inputs: Path):
    corpus = read_corpus([inputs])
    assert sorted(corpus.families) == ["ashby", "greenhouse", "lever", "text", "unknown"]
    assert [p.id for p in corpus.families["lever"]] == ["a", "b"]
    assert [p.id for p in corpus.families["unknown"]] == ["c"]
    (dev,) = corpus.families["ashby"]
    assert (dev.location_text, dev.company) == ("Berlin", "x")
    assert len(corpus.families["greenhouse"]) >= 2
    assert corpus.families["text"][0].text.startswith("Marketing intern")
    assert sorted(Path(name).name for name in corpus.skipped_files) == [
        "PROVENANCE.txt",
        "labels.jsonl",
        "notes.md",
    ]


def test_report_times_every_family_and_the_long_texts(inputs: Path):
    report = run_extract_bench([inputs], min_seconds=0.01, long_chars=5000)
    json.dumps(report)
    assert set(report["families"]) == {"ashby", "greenhouse", "lever", "text", "unknown"}
    for family in report["families"].values():
        assert family["passes"] >= 1
        assert family["cpu_s"] >= 0.01
        assert family["postings_per_second"] == pytest.approx(
            family["postings"] * family["passes"] / family["cpu_s"],
            rel=0.1,  # cpu_s is rounded
        )
    assert report["long"]["postings"] == 1
    assert report["long"]["text_chars"]["max"] == len(LONG_TEXT)
    groups = [*report["families"].values(), report["long"]]
    assert report["slowest_per_second"] == min(g["postings_per_second"] for g in groups)
    assert report["slowest_per_second_new_lines"] == min(g["postings_per_second_new_lines"] for g in groups)
    assert all(g["postings_per_second_new_lines"] > 0 for g in groups)
    assert report["meets_target"] == (report["slowest_per_second"] >= report["target_per_second"])
    assert set(report["cold"]) == {"gazetteer_cpu_s", "language_names_cpu_s", "first_posting_cpu_s"}


def test_bad_input_is_a_clear_error(tmp_path: Path, capsys):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "title": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(BenchInputError, match=r"broken\.jsonl, line 2"):
        read_corpus([broken])
    assert main(["bench", "extract", "--input", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["bench", "extract", "--input", str(tmp_path / "empty")]) == 2
    assert "no postings" in capsys.readouterr().err


def test_cli_default_input_is_the_bundled_samples(capsys):
    assert main(["bench", "extract", "--min-seconds", "0"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["families"]["unknown"]["postings"] >= 10
    assert report["families"]["unknown"]["passes"] == 1
