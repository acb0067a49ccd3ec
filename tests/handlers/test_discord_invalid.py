"""The invalid-request budget keeps jobbot far from Discord's 10,000-in-10-minutes ban."""

from handlers.discord_invalid import DISCORD_BAN_AT, InvalidRequestBudget


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_only_what_discord_counts_as_invalid_is_counted():
    budget = InvalidRequestBudget(limit=10, clock=Clock())
    for status, scope in [
        (401, None),
        (403, None),
        (429, "user"),
        (429, "global"),
        (429, "shared"),
        (500, None),
    ]:
        budget.record(status, scope)
    assert budget.count() == 4


def test_past_the_limit_sending_waits_until_the_window_has_room():
    clock = Clock()
    budget = InvalidRequestBudget(limit=3, window=600, clock=clock)
    for _ in range(3):
        budget.record(403)
        clock.now += 10
    assert budget.wait() == 600 - 30
    clock.now += 600 - 30
    assert budget.wait() == 0 and budget.count() == 2


def test_the_default_budget_is_a_tenth_of_the_ban():
    assert InvalidRequestBudget().limit * 10 == DISCORD_BAN_AT
