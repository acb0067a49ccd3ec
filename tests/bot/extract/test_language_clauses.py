from bot.extract.language_clauses import is_bare_item, only_names, split_clauses


def clauses(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in split_clauses(text)]


def test_a_hedge_after_a_comma_is_its_own_clause():
    assert clauses("Fluent in English, German is a plus") == ["Fluent in English", "German is a plus"]


def test_a_list_of_bare_names_stays_with_its_clause():
    assert clauses("Spanish, French, or German is a plus") == ["Spanish, French, or German is a plus"]


def test_brackets_with_only_names_or_levels_do_not_cut():
    assert clauses("Bilingual (Spanish/English) support agent") == [
        "Bilingual (Spanish/English) support agent"
    ]
    assert clauses("German (B2) nice to have") == ["German (B2) nice to have"]
    assert clauses("Fluent in English (French is a plus)") == ["Fluent in English", "French is a plus"]


def test_name_lists_and_bare_items():
    assert only_names("German, French or Dutch")
    assert not only_names("German customers")
    assert only_names("C1 level", levels=True, empty=True)
    assert is_bare_item("- German (C1)")
    assert is_bare_item("English & French")
    assert not is_bare_item("German market expertise")
