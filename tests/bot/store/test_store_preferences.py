from bot.models import Destination
from bot.store import postings
from bot.store import preferences as prefs
from tests.bot.store.conftest import T0
from tests.bot.store.samples import make_posting

ANNA = prefs.owner_key("slack", "T1", "U0ANNA")
BOB = prefs.owner_key("slack", "T1", "U0BOB")


def test_owner_keys_are_scoped_to_the_workspace_and_only_dms_have_one():
    assert ANNA == "slack:T1:U0ANNA"
    assert prefs.dm_owner(Destination("slack", "dm", "U0ANNA", "T1")) == ANNA
    assert prefs.dm_owner(Destination("slack", "channel", "C1", "T1")) is None


def test_title_keys_ignore_brackets_numbers_and_case():
    assert prefs.title_key("Marketing Intern (Paris)") == prefs.title_key("marketing intern 2027")
    assert prefs.title_key("Stagiaire Marketing [H/F]") == "stagiaire marketing"
    assert prefs.title_key("Sales Intern") != prefs.title_key("Marketing Intern")


def test_saved_postings_newest_first_and_forgotten_with_the_posting(engine):
    for pid in ("a:1", "a:2"):
        postings.upsert_posting(engine, make_posting(pid), now=T0)
    assert prefs.save_posting(engine, ANNA, "a:1", now=T0)
    assert prefs.save_posting(engine, ANNA, "a:2", now=T0.replace(minute=45))
    assert not prefs.save_posting(engine, ANNA, "a:2", now=T0)
    assert prefs.saved_posting_ids(engine, ANNA) == ["a:2", "a:1"]
    assert prefs.count_saved(engine, ANNA) == 2 and prefs.count_saved(engine, BOB) == 0
    assert prefs.unsave_posting(engine, ANNA, "a:2") and not prefs.unsave_posting(engine, ANNA, "a:2")
    assert prefs.saved_posting_ids(engine, ANNA) == ["a:1"]


def test_hiding_suppresses_the_posting_and_similar_ones_for_that_person_only(engine):
    seen = make_posting("a:1", title="Marketing Intern (Paris)", company="Acme")
    same_role = make_posting("a:2", title="Marketing Intern - 2027", company="ACME")
    other_role = make_posting("a:3", title="Sales Intern", company="Acme")
    other_company = make_posting("b:1", title="Marketing Intern (Paris)", company="Brindille")
    assert prefs.hide_posting(engine, ANNA, seen, now=T0)
    assert not prefs.hide_posting(engine, ANNA, seen, now=T0)
    assert prefs.is_suppressed(engine, ANNA, seen) and prefs.is_suppressed(engine, ANNA, same_role)
    assert not prefs.is_suppressed(engine, ANNA, other_role)
    assert not prefs.is_suppressed(engine, ANNA, other_company)
    assert not prefs.is_suppressed(engine, BOB, seen)
    assert prefs.suppressed_ids(engine, ANNA, [seen, same_role, other_role]) == {"a:1", "a:2"}
    assert prefs.unhide_all(engine, ANNA) == 1 and not prefs.is_suppressed(engine, ANNA, seen)


def test_a_hidden_posting_without_a_company_hides_only_itself(engine):
    nameless = make_posting("x:1", title="Intern", company="")
    prefs.hide_posting(engine, ANNA, nameless, now=T0)
    assert prefs.is_suppressed(engine, ANNA, nameless)
    assert not prefs.is_suppressed(engine, ANNA, make_posting("x:2", title="Intern", company=""))


def test_muting_a_company_suppresses_all_its_postings(engine):
    assert prefs.mute_company(engine, ANNA, "Tik Tok", now=T0)
    assert not prefs.mute_company(engine, ANNA, "TikTok", now=T0)  # the same company key
    assert not prefs.mute_company(engine, ANNA, " -- ", now=T0)
    assert prefs.muted_company_names(engine, ANNA) == ["Tik Tok"]
    assert prefs.is_suppressed(engine, ANNA, make_posting("t:1", company="TikTok"))
    assert not prefs.is_suppressed(engine, BOB, make_posting("t:1", company="TikTok"))
    with engine.begin() as conn:  # callable inside the caller's transaction, as ingest does
        assert prefs.is_suppressed(conn, ANNA, make_posting("t:2", company="tiktok"))
    assert prefs.unmute_company(engine, ANNA, "tiktok")
    assert not prefs.is_suppressed(engine, ANNA, make_posting("t:1", company="TikTok"))
