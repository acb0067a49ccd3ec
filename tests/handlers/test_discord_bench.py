from bot.bench.deliver import BenchConfig
from bot.bench.deliver_runner import run_deliver_bench
from handlers.discord_bench import _dm_bound, _windows, discord_platform
from handlers.fakes.discord_limits import Limit


def test_a_small_bench_delivers_every_card_once_through_the_fake_discord(tmp_path):
    config = BenchConfig(
        platform="discord",
        matches=60,
        channels=4,
        dms=3,
        postings=30,
        rate_per_second=5.0,
        burst=5,
        latency=0.0,
        data_dir=tmp_path,
    )
    report = run_deliver_bench(config, discord_platform)
    assert report["outbox"] == {"sent": 60}
    assert (report["posted"], report["lost"], report["duplicates"]) == (60, 0, 0)
    assert report["timed_out"] is False
    # every post, a DM channel opened per DM, each channel looked up once, and the login
    assert report["requests"] >= 60 + 3 + 4 + 1
    assert set(report["limits_ideal_s"]) == {"global", "per_channel", "dm.open"}
    assert report["binding_limit"] in report["limits_ideal_s"]
    assert report["ideal_seconds"] == report["limits_ideal_s"][report["binding_limit"]]
    assert 0 < report["rate_fraction"] <= 1.5
    assert report["invalid_requests"] == 0 and report["invalid_share"] == 0.0
    assert report["latency_s"]["p50"] >= 0


def test_the_limits_count_whole_windows_and_the_busiest_dms_open_first():
    assert _windows(0, Limit(5, 5.0)) == _windows(5, Limit(5, 5.0)) == 0.0
    assert _windows(6, Limit(5, 5.0)) == 5.0 and _windows(101, Limit(50, 1.0)) == 2.0
    # Six DMs open five at a time: the sixth waits a window, so it should be the one with the fewest cards.
    assert _dm_bound([10, 1, 10, 10, 10, 10], Limit(5, 5.0), Limit(5, 5.0)) == 5.0
