import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.fakes.http_server import FakeHttpServer, running_in_thread

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


FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_fetch_a_saved_response_file(capsys):
    assert main(["fetch", str(FIXTURES / "greenhouse" / "jobs.json"), "--kind", "greenhouse"]) == 0
    captured = capsys.readouterr()
    rows = _lines(captured.out)
    assert rows and all(row["id"].startswith("greenhouse:jobs:") for row in rows)
    assert f"greenhouse: {len(rows)} postings" in captured.err


def test_fetch_a_feed_over_http_and_pipe_into_extract(tmp_path, capsys):
    with running_in_thread(FakeHttpServer()) as server:
        server.serve_file("/jobs.rss", FIXTURES / "feed" / "jobs.rss", content_type="application/rss+xml")
        url = server.url("/jobs.rss")
        assert main(["fetch", url, "--kind", "feed", "--allow-private"]) == 0
    rows = _lines(capsys.readouterr().out)
    assert rows
    piped = tmp_path / "fetched.jsonl"
    piped.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["extract", str(piped)]) == 0
    assert [r["id"] for r in _lines(capsys.readouterr().out)] == [r["id"] for r in rows]


def test_fetch_refuses_loopback_without_allow_private(capsys):
    with running_in_thread(FakeHttpServer()) as server:
        server.serve_file("/jobs.rss", FIXTURES / "feed" / "jobs.rss", content_type="application/rss+xml")
        assert main(["fetch", server.url("/jobs.rss"), "--kind", "feed"]) == 2
        assert server.paths() == []
    assert "cannot fetch" in capsys.readouterr().err


def test_fetch_needs_a_kind_for_an_unknown_host(capsys):
    assert main(["fetch", "https://careers.example.com/jobs"]) == 2
    assert "--kind" in capsys.readouterr().err


def test_demo_delivers_through_slack_and_discord_to_the_local_fakes(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Delivered through one dispatcher to every platform at once:" in out
    assert "  Slack (a local fake Web API at http://127.0.0.1:" in out
    assert "  Discord (a local fake at http://127.0.0.1:" in out
    assert out.count("↳ Slack: posted, message") == out.count("read back from Discord") >= 4
    assert "═══ #paris-jobs: 3 cards on Slack, 3 on Discord ═══" in out and "matched `Paris + French`" in out
    assert "[Open ↗] [Save] [Not interested] [Mute company]" in out


def test_demo_in_the_terminal_needs_no_platform(capsys):
    assert main(["demo", "--terminal"]) == 0
    out = capsys.readouterr().out
    assert "Delivered through the dispatcher to the terminal:" in out
    assert "═══ #paris-jobs: 3 cards ═══" in out and "matched `Paris + French`" in out
    assert "Slack" not in out and "Discord" not in out
