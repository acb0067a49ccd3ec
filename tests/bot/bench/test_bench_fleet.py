"""The benchmark's fleet: every board in its vendor's real shape, read by that vendor's adapter."""

import pytest

from bot.bench.fleet import FleetMix, FleetSpec, plan_fleet
from bot.bench.fleet_shapes import FLEET_KINDS, MALFORMED_VARIANTS, listing_body, malformed_body
from bot.sources.base import SourceContext, SourceFormatError
from bot.sources.poll import parser_for


def sources_of_each_kind():
    planned = plan_fleet(FleetSpec(sources=300, hosts=7, mix=FleetMix(changed=0.5)))
    return {
        kind: next(s for s in planned if s.kind == kind and s.behaviour == "changed") for kind in FLEET_KINDS
    }


@pytest.mark.parametrize("kind", FLEET_KINDS)
def test_each_kind_is_read_whole_by_its_adapter_before_and_after_a_change(kind):
    source = sources_of_each_kind()[kind]
    context = SourceContext(
        source.source_id, "http://127.0.0.2:1/x", company=source.company, board=source.board
    )
    read = {}
    for round_ in (0, 1):
        jobs = source.listed(round_)
        body, _ = listing_body(kind, source.board, source.company, jobs)
        parsed = parser_for(kind)(body, context)
        assert len(parsed.postings) == len(jobs) and parsed.skipped == ()
        assert all(p.source == source.source_id and p.title for p in parsed.postings)
        read[round_] = {p.id: p for p in parsed.postings}
    added = set(read[1]) - set(read[0])
    assert len(added) == source.added
    assert len(set(read[0]) - set(read[1])) == (1 if source.jobs > 1 else 0)  # one job taken down
    edited = [i for i in set(read[0]) & set(read[1]) if read[0][i].title != read[1][i].title]
    assert len(edited) == 1


@pytest.mark.parametrize("variant", MALFORMED_VARIANTS)
@pytest.mark.parametrize("kind", FLEET_KINDS)
def test_every_malformed_answer_is_a_format_error(kind, variant):
    source = sources_of_each_kind()[kind]
    good, _ = listing_body(kind, source.board, source.company, source.listed(0))
    body, _ = malformed_body(kind, variant, good)
    with pytest.raises(SourceFormatError):
        parser_for(kind)(body, SourceContext(source.source_id, "http://127.0.0.2:1/x", board=source.board))


def test_the_same_spec_makes_the_same_fleet_spread_over_its_hosts():
    spec = FleetSpec(sources=200, hosts=9, seed=3)
    assert plan_fleet(spec) == plan_fleet(FleetSpec(sources=200, hosts=9, seed=3))
    planned = plan_fleet(spec)
    assert {s.host for s in planned} == set(range(9))
    assert len({s.source_id for s in planned}) == 200
    assert sum(s.fails for s in planned) == 2 + 2 + 1  # 1 % errors, 1 % malformed, 0.5 % timeouts


def test_a_spec_the_loopback_range_or_the_mix_cannot_hold_is_refused():
    with pytest.raises(ValueError, match="hosts"):
        FleetSpec(hosts=251)
    with pytest.raises(ValueError, match="more than 1"):
        FleetSpec(mix=FleetMix(changed=0.9, no_validators=0.2))
