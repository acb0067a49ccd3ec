import io

from bot.demo.runner import EXAMPLES, FIRST_LISTING, run_demo, sample_postings


def test_demo_delivers_cards_to_each_example_destination(tmp_path):
    out = io.StringIO()
    report = run_demo(tmp_path, out)
    text = out.getvalue()
    first_listing = set(FIRST_LISTING)
    later = [p for p in sample_postings() if p.id not in first_listing]
    assert report.new == len(later) > 10  # what was listed at the first poll is not announced
    assert "stored as already seen, no cards" in text and "not modified" in text
    assert report.queued >= len(EXAMPLES)
    for example in EXAMPLES:
        assert f"═══ {example.label}:" in text
        assert f"matched `{example.query}`" in text
    assert "understood as: location Paris (FR) AND language French" in text


def test_demo_run_twice_on_the_same_store_sends_nothing_twice(tmp_path):
    run_demo(tmp_path, io.StringIO())
    out = io.StringIO()
    report = run_demo(tmp_path, out)
    assert (report.new, report.queued) == (0, 0)
    assert "matched `" not in out.getvalue()
