import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.extract import extract_posting
from bot.models import Posting
from bot.store.migrate import open_store
from bot.store.postings import upsert_posting
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


def test_fetched_hints_survive_the_pipe_into_match(tmp_path, capsys):
    """`jobbot fetch … | jobbot match …`: a list row's term is its start, though its title names none."""
    assert main(["fetch", str(FIXTURES / "simplify" / "listings.json"), "--kind", "simplify"]) == 0
    rows = _lines(capsys.readouterr().out)
    analyst = next(r for r in rows if r["title"] == "Software Development Analyst")
    assert analyst["hints"]["start"] == "Summer 2025"
    piped = tmp_path / "fetched.jsonl"
    piped.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["match", "summer 2025 + intern", str(piped)]) == 0
    assert analyst["id"] in {r["id"] for r in _lines(capsys.readouterr().out)}


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


def test_jobbot_alone_lists_the_commands_demo_first_and_the_version(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("jobbot 0.1.0: ") and "`jobbot demo`" in out
    commands = [line.split()[0] for line in out.split("Commands:\n")[1].splitlines() if line.startswith("  ")]
    assert commands[0] == "demo" and {"extract", "match", "run", "sources", "bench"} <= set(commands)
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == "jobbot 0.1.0"


def test_extract_warns_once_about_fields_it_does_not_know_or_lines_without_text(tmp_path, capsys):
    path = tmp_path / "odd.jsonl"
    rows = [
        {"id": "1", "name": "Stagiaire", "description": "Stage à Paris", "location": "Paris"},
        {"id": "2", "name": "Analyst", "description": "Madrid", "location": "Madrid"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert len(_lines(captured.out)) == 2  # read, not refused
    warnings = [line for line in captured.err.splitlines() if line.startswith("jobbot: warning:")]
    assert warnings == [
        "jobbot: warning: line 1: unknown field(s) description, name ignored; a posting's fields are id, "
        "title, company, location, text, url, source, posted_at, hints (further lines like this are not "
        "reported)",
        "jobbot: warning: line 1: no title, text: extraction reads only what is there (further lines like "
        "this are not reported)",
    ]
    assert main(["extract", str(tmp_path / "none.jsonl")]) == 2  # and a missing file is still an error


def test_a_lone_surrogate_or_nul_in_input_is_cleaned_not_a_crash(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "1", "title": "Intern \\ud800\\u0000", "text": "Paris", "location": "Paris"}\n')
    assert main(["match", "Paris", str(path)]) == 0
    (row,) = _lines(capsys.readouterr().out)
    assert row["title"] == "Intern \ufffd"


def test_explain_json_gives_the_parsed_form(capsys):
    assert main(["explain", "--json", "Cambridge, MA + ML -C++"]) == 0
    form = json.loads(capsys.readouterr().out)
    assert form["query"] == "Cambridge, MA + ML -C++"
    kinds = [(c["negated"], [(t["kind"], t["value"]) for t in c["terms"]]) for c in form["clauses"]]
    # "ML" is searched as its words too (round 10)
    ml = [("keyword", "ml"), ("keyword", "machine learning")]
    assert kinds[1:] == [(False, ml), (True, [("keyword", "c++")])]
    assert form["clauses"][0]["terms"][0]["label"] == "Cambridge (Massachusetts, US)"
    assert form["did_you_mean"] is None and form["understood"].startswith("location Cambridge")


def test_explain_json_error_is_json_too(capsys):
    assert main(["explain", "--json", "Paris +"]) == 2
    assert "no term after" in json.loads(capsys.readouterr().out)["error"]


def test_explain_reads_named_companies(capsys):
    assert main(["explain", "--company", "TikTok", "TikTok + Paris"]) == 0
    assert capsys.readouterr().out.startswith("company TikTok AND location Paris (FR)")


def test_match_reads_a_bare_company_name_from_the_postings(tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    rows = [
        {"id": "t", "title": "Intern", "company": "TikTok", "location": "Paris, France", "text": "x"},
        {
            "id": "a",
            "title": "Intern",
            "company": "Acme",
            "location": "Paris, France",
            "text": "We love TikTok.",
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["match", "TikTok + Paris", str(path)]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["t"]


def test_explain_store_reads_company_names_from_stored_postings(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path))
    engine = open_store(url)
    posting = Posting(id="t:1", title="Intern", company="Oakleaf", location_text="Paris, France", source="t")
    upsert_posting(engine, extract_posting(posting), now=datetime(2026, 3, 2, tzinfo=UTC))
    engine.dispose()
    assert main(["explain", "--store", "Oakleaf + Paris"]) == 0
    assert capsys.readouterr().out.startswith("company Oakleaf AND location Paris (FR)")
    assert main(["explain", "Oakleaf + Paris"]) == 0
    assert capsys.readouterr().out.startswith("keyword 'oakleaf'")
