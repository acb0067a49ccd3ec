"""`jobbot sources add|list|remove|test` and `jobbot poll --once` on a real store and a local server."""

import json

import pytest

from bot.cli import main
from bot.models import Destination
from bot.settings import sqlite_url
from bot.store.card_edits import list_edits
from bot.store.deliveries import deliveries_for_posting, mark_sent
from bot.store.migrate import open_store
from bot.store.subscriptions import add_subscription
from tests.fakes.http_server import FakeHttpServer, running_in_thread

CHANNEL = Destination("slack", "channel", "C1", "T1")


def board(*titles):
    jobs = [
        {
            "id": 100 + n,
            "title": title,
            "absolute_url": f"https://x.example/{n}",
            "location": {"name": "Paris"},
        }
        for n, title in enumerate(titles)
    ]
    return json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}})


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("JOBBOT_CONFIG", raising=False)
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def server():
    with running_in_thread(FakeHttpServer()) as server:
        server.respond("/acme/jobs", board("Data Intern", "Sales Lead"), etag='"v1"')
        server.respond("/down", "maintenance", status=503)
        yield server


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out):
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def add(capsys, server, path="/acme/jobs", *more):
    code, out, err = run(
        capsys, "sources", "add", server.url(path), "--kind", "greenhouse", "--allow-private", *more
    )
    assert code == 0, err
    return out.split()[1]  # "added ID (kind): url"


def test_add_then_list_shows_the_new_source_and_its_health(capsys, server, data_dir):
    source_id = add(capsys, server)
    assert (data_dir / "jobbot.sqlite3").is_file()  # the default store when DATABASE_URL is not set
    code, out, _ = run(capsys, "sources", "list")
    assert code == 0
    assert source_id in out and "greenhouse  new" in out and server.url("/acme/jobs") in out
    assert "last ok: never" in out and "next poll: due" in out
    (row,) = lines(run(capsys, "sources", "list", "--json")[1])
    assert row["id"] == source_id and row["health"] == "new" and row["failures"] == 0


def test_a_duplicate_or_refused_url_exits_2_saying_why(capsys, server):
    source_id = add(capsys, server)
    code, _, err = run(
        capsys, "sources", "add", server.url("/acme/jobs"), "--kind", "greenhouse", "--allow-private"
    )
    assert code == 2 and "already registered" in err and source_id in err
    code, _, err = run(capsys, "sources", "add", server.url("/other"), "--kind", "greenhouse")
    assert code == 2 and "loopback" in err  # private addresses need --allow-private
    code, _, err = run(
        capsys, "sources", "add", "http://169.254.169.254/latest", "--kind", "feed", "--allow-private"
    )
    assert code == 2 and "link-local" in err
    code, _, err = run(capsys, "sources", "add", "https://careers.example/jobs")
    assert code == 2 and "cannot tell what kind" in err and "--kind" in err
    assert len(lines(run(capsys, "sources", "list", "--json")[1])) == 1


def test_test_reads_a_source_once_and_exits_1_when_it_does_not_work(capsys, server):
    source_id = add(capsys, server)
    code, out, _ = run(capsys, "sources", "test", source_id, "--allow-private")
    assert code == 0 and "works: 2 postings read" in out and "Data Intern" in out
    code, out, _ = run(
        capsys, "sources", "test", server.url("/down"), "--kind", "greenhouse", "--allow-private", "--json"
    )
    (report,) = lines(out)
    assert code == 1 and report["ok"] is False and "503" in report["error"]
    code, _, err = run(capsys, "sources", "test", "greenhouse:nope")
    assert code == 2 and "no source" in err
    assert lines(run(capsys, "sources", "list", "--json")[1])[0]["health"] == "new"  # a test stores nothing


def test_poll_once_prints_a_line_per_source_and_exits_0_when_some_fail(capsys, server):
    good = add(capsys, server)
    bad = add(capsys, server, "/down", "--no-check")
    code, out, err = run(capsys, "poll", "--once", "--allow-private")
    assert code == 0
    by_id = {row["source"]: row for row in lines(out)}
    assert by_id[good]["status"] == "ok" and by_id[good]["first_poll"] and by_id[good]["new"] == 2
    assert by_id[bad]["status"] == "error" and "503" in by_id[bad]["error"] and by_id[bad]["failures"] == 1
    assert "polled 2 sources" in err and "1 failed" in err

    server.respond("/acme/jobs", board("Data Intern", "Sales Lead", "Paris Designer"), etag='"v2"')
    code, out, _ = run(capsys, "poll", "--once", "--allow-private", "--source", good)
    (row,) = lines(out)
    assert code == 0 and row["status"] == "ok" and row["new"] == 1 and not row["first_poll"]
    code, out, _ = run(capsys, "poll", "--once", "--allow-private", "--source", good)
    assert lines(out)[0]["status"] == "not_modified"  # the ETag was kept and sent back

    # the failed source is held back by backoff until --force
    assert lines(run(capsys, "poll", "--once", "--source", bad)[1])[0]["status"] == "deferred"
    row = lines(run(capsys, "poll", "--once", "--allow-private", "--source", bad, "--force")[1])[0]
    assert row["status"] == "error" and row["failures"] == 2
    listed = {r["id"]: r for r in lines(run(capsys, "sources", "list", "--json")[1])}
    assert listed[good]["health"] == "ok" and listed[good]["last_ok_at"]
    assert (
        listed[bad]["health"] == "failing" and "503" in listed[bad]["last_error"] and listed[bad]["next_poll"]
    )


def test_poll_once_queues_edits_of_posted_cards_like_new_cards(capsys, server, data_dir):
    source_id = add(capsys, server)
    run(capsys, "poll", "--once", "--allow-private")  # the first poll announces nothing
    engine = open_store(sqlite_url(data_dir / "jobbot.sqlite3"))
    try:
        add_subscription(engine, owner="U1", destination=CHANNEL, query="Paris")
        server.respond("/acme/jobs", board("Data Intern", "Sales Lead", "Paris Designer"), etag='"v2"')
        (row,) = lines(run(capsys, "poll", "--once", "--allow-private")[1])
        assert row["queued"] == 1 and row["edits"] == 0
        (card,) = deliveries_for_posting(engine, f"{source_id}:102", state=None)
        mark_sent(engine, card.id, message_id="1700000000.000001")  # `jobbot run` posted it

        server.respond("/acme/jobs", board("Data Intern", "Sales Lead", "Paris Designer (m/f)"), etag='"v3"')
        code, out, err = run(capsys, "poll", "--once", "--allow-private")
        (row,) = lines(out)
        assert code == 0 and row["updated"] == 1 and (row["queued"], row["edits"]) == (0, 1)
        assert "0 cards queued, 1 card edits queued" in err
        (edit,) = list_edits(engine)  # left for the dispatcher, as new cards are
        assert (edit.destination_key, edit.message_id, edit.state) == (
            CHANNEL.key,
            "1700000000.000001",
            "queued",
        )
    finally:
        engine.dispose()


def test_poll_usage_errors_exit_2(capsys, server):
    assert run(capsys, "poll")[0] == 2  # --once is required
    code, _, err = run(capsys, "poll", "--once", "--source", "greenhouse:nope")
    assert code == 2 and "greenhouse:nope" in err
    code, out, err = run(capsys, "poll", "--once")
    assert code == 0 and out == "" and "no sources yet" in err


def test_remove_forgets_a_source_and_an_unknown_id_exits_2(capsys, server):
    source_id = add(capsys, server)
    code, out, _ = run(capsys, "sources", "remove", source_id)
    assert code == 0 and f"removed {source_id}" in out
    assert lines(run(capsys, "sources", "list", "--json")[1]) == []
    code, _, err = run(capsys, "sources", "remove", source_id)
    assert code == 2 and "no source" in err


def test_poll_once_reports_a_poisoned_record_by_record_and_field_and_stores_the_rest(capsys, server):
    poisoned = json.loads(board("Data Intern", "Sales\x00 Lead"))
    server.respond("/acme/jobs", json.dumps(poisoned))
    source = add(capsys, server)
    code, out, err = run(capsys, "poll", "--once", "--allow-private")
    (row,) = lines(out)
    assert code == 0 and row["status"] == "ok" and row["new"] == 2
    assert row["cleaned"] == ["record 1: title (NUL or control characters, lone surrogates or NaN)"]
    assert row["rejected"] == []
    # the warning names the source and the record, in the structured log form
    assert "WARNING" in err and "records cleaned" in err and f"source='{source}'" in err


def test_sources_add_and_list_never_print_a_url_secret(capsys, server, data_dir):
    url = server.url("/acme/jobs") + "?token=SECRET-789&page=1"
    code, out, err = run(capsys, "sources", "add", url, "--kind", "greenhouse", "--allow-private")
    assert code == 0 and "SECRET-789" not in out + err and "token=***&page=1" in out
    code, out, _ = run(capsys, "sources", "list")
    assert code == 0 and "SECRET-789" not in out and "token=***" in out
    (row,) = lines(run(capsys, "sources", "list", "--json")[1])
    assert row["url"].endswith("?token=***&page=1")
