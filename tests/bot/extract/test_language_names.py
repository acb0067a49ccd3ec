import pytest

from bot.extract.language_names import language_code, language_name


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("French", "fr"),
        ("français", "fr"),
        ("Français", "fr"),
        ("francés", "fr"),
        ("francese", "fr"),
        ("Französisch", "fr"),
        ("französischen", "fr"),
        ("Frans", "fr"),
        ("French-speaking", "fr"),
        ("Francophone", "fr"),
        ("anglais", "en"),
        ("inglés", "en"),
        ("Englisch", "en"),
        ("Englischkenntnisse", "en"),
        ("deutsch", "de"),
        ("Deutschen", "de"),
        ("deutschsprachig", "de"),
        ("German speaker", "de"),
        ("Swiss German", "de"),
        ("italiano", "it"),
        ("español", "es"),
        ("Castilian", "es"),
        ("castellano", "es"),
        ("Mandarin", "zh"),
        ("Cantonese", "zh"),
        ("Chinese", "zh"),
        ("中文", "zh"),
        ("日本語", "ja"),
        ("Norwegian", "no"),
        ("norsk", "no"),
        ("Bokmål", "no"),
        ("Brazilian Portuguese", "pt"),
        ("português", "pt"),
        ("Flemish", "nl"),
        ("Nederlands", "nl"),
        ("Nederlandstalig", "nl"),
        ("Tagalog", "tl"),
        ("Filipino", "tl"),
        ("Bahasa Indonesia", "id"),
        ("Bahasa Malaysia", "ms"),
        ("Farsi", "fa"),
        ("Hebrew", "he"),
        ("svenska", "sv"),
        ("polski", "pl"),
        ("  Korean  ", "ko"),
        ("Icelandic", "is"),
        ("Catalan", "ca"),
    ],
)
def test_language_code_reads_names_in_many_languages_and_forms(name, code):
    assert language_code(name) == code


@pytest.mark.parametrize(
    "word", ["Paris", "Java", "JavaScript", "Go", "Rust", "R", "remote", "intern", "even", ""]
)
def test_language_code_is_none_for_words_that_are_not_languages(word):
    assert language_code(word) is None


def test_language_name_gives_the_english_name():
    assert language_name("fr") == "French"
    assert language_name("zh") == "Chinese"
    assert language_name("no") == "Norwegian"
    assert language_name("nb") == "Norwegian"
    assert language_name("not-a-code") == "not-a-code"
