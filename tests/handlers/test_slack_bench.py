from bot.bench.deliver import BenchConfig
from bot.bench.deliver_runner import run_deliver_bench
from handlers.slack_bench import slack_platform


def test_a_small_bench_delivers_every_card_once_through_the_fake_slack(tmp_path):
    config = BenchConfig(
        matches=60,
        channels=4,
        dms=6,
        postings=30,
        rate_per_second=5.0,
        burst=3,
        latency=0.0,
        data_dir=tmp_path,
    )
    report = run_deliver_bench(config, slack_platform)
    assert report["outbox"] == {"sent": 60}
    assert (report["posted"], report["lost"], report["duplicates"]) == (60, 0, 0)
    assert report["timed_out"] is False
    assert report["requests"] >= 60 + 6  # every post, and a conversations.open per DM
    assert 0 < report["rate_fraction"] <= 1.5
    assert report["latency_s"]["p50"] >= 0
