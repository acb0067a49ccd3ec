import json

import pytest

from bot.cli import main

POSTINGS = [
    {
        "id": "a",
        "title": "Stagiaire Marketing",
        "company": "Brindille",
        "location": "Paris, France",
        "text": "<p>Stage de 6 mois à Paris.</p><ul><li>Français courant exigé.</li></ul>",
        "url": "https://e.example/a",
    },
    {
        "id": "b",
        "title": "Backend Engineer",
        "company": "Nuvola",
        "location": "Berlin, Germany",
        "text": "Fluent German required.",
        "url": "https://e.example/b",
    },
]


@pytest.fixture
def postings_file(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in POSTINGS) + "\n", encoding="utf-8")
    return path


def _lines(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_extract_prints_one_object_per_posting_in_order(postings_file, capsys):
    assert main(["extract", str(postings_file)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["locations"][0]["country"] == "FR"
    assert rows[0]["employment_type"] == "intern"
    assert "fr" in rows[0]["languages"]["required"]
    assert rows[1]["languages"]["required"] == ["de"]


def test_match_prints_matches_with_why(postings_file, capsys):
    assert main(["match", "France + French", str(postings_file)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["a"]
    assert {reason["facet"] for reason in rows[0]["why"]} == {"location", "language"}


def test_bad_query_exits_2_and_explains(postings_file, capsys):
    assert main(["match", "city:", str(postings_file)]) == 2
    assert "cannot use query" in capsys.readouterr().err


def test_bad_input_line_names_the_line(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "title": "ok"}\n{not json\n', encoding="utf-8")
    assert main(["extract", str(path)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_explain(capsys):
    assert main(["explain", "Madrid, Barcelona + Spanish + intern"]) == 0
    out = capsys.readouterr().out
    assert "Madrid" in out and "Barcelona" in out and "Spanish" in out


def test_bench_match_tiny_run_reports_identical_results(capsys):
    assert main(["bench", "match", "--subscriptions", "300", "--large", "0", "--postings", "20"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert json.dumps(report).count("mismatch") >= 1
