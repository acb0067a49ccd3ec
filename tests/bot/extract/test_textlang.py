import random
import sys

import pytest

from bot.extract.textlang import (
    _WIDE_SPACES,
    _exact_scores,
    _profile_words,
    _short_enough,
    _stop_word_counts,
    _word_parts,
    detect_language,
    language_scores,
    may_hold_scripts,
)

SAMPLES = {
    "en": "We are looking for an engineer who will join our team and help us build the product "
    "for our users.",
    "fr": "Nous recherchons un ingénieur pour rejoindre notre équipe et nous aider à construire "
    "le produit pour nos utilisateurs dans le monde.",
    "de": "Wir suchen eine Ingenieurin, die unser Team verstärkt und mit uns das Produkt für unsere Kunden "
    "weiterentwickelt. Du bist neugierig und arbeitest gerne im Team.",
    "es": "Buscamos una persona para unirse a nuestro equipo y ayudarnos a construir el producto para los "
    "clientes de la empresa. Somos un equipo pequeño y con muchas ganas.",
    "it": "Cerchiamo una persona che si unisca al nostro team e ci aiuti a costruire il prodotto "
    "per i clienti della nostra azienda. Siamo un gruppo giovane e dinamico.",
    "nl": "Wij zoeken een collega die ons team komt versterken en ons helpt het product voor onze klanten te "
    "bouwen. Je bent nieuwsgierig en werkt graag samen met het team.",
    "pt": "Procuramos uma pessoa para fazer parte do nosso time e nos ajudar a construir o produto para os "
    "clientes da empresa. Você vai trabalhar com as equipes de produto.",
    "sv": "Vi söker en kollega som vill vara med och bygga produkten för våra kunder. Du är nyfiken och har "
    "erfarenhet av att arbeta i team och det är viktigt för oss.",
    "pl": "Szukamy osoby, która dołączy do naszego zespołu i będzie odpowiedzialna za rozwój produktu oraz "
    "współpracę z klientami. Oferujemy pracę w miłym zespole i jest to dla nas ważne.",
    "ja": "私たちはプロダクトを一緒に作るエンジニアを募集しています。"
    "チームで働くことが好きな方を歓迎します。",
    "zh": "我们正在寻找一名工程师加入我们的团队，帮助我们为用户打造产品。",
    "ko": "우리는 사용자를 위한 제품을 함께 만들 엔지니어를 찾고 있습니다.",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_detects_the_language_a_text_is_written_in(code, text):
    assert detect_language(text) == code


def test_a_mostly_english_text_with_a_foreign_footer_is_english():
    text = SAMPLES["en"] * 4 + "\n" + SAMPLES["fr"]
    assert detect_language(text) == "en"


def test_an_english_posting_with_a_few_japanese_words_is_english():
    assert detect_language(SAMPLES["en"] * 5 + " 東京オフィス") == "en"


def test_too_little_text_is_unknown():
    assert detect_language("Senior Engineer") is None
    assert detect_language("") is None
    assert detect_language("12345 !!!") is None


def _by_float_sums(text: str) -> str | None:
    """The decision as the float scores in text order make it (the reference the counted scores follow)."""
    scores = language_scores(text[:8000])
    if not scores:
        return None
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 5 else None


@pytest.mark.parametrize(
    "text",
    [
        *(text for code, text in SAMPLES.items() if code not in ("ja", "zh", "ko")),
        SAMPLES["en"] * 4 + "\n" + SAMPLES["fr"],
        "de de de de de",  # a word of several languages: a tie, decided as the float sums decide it
        "the the the the and",  # exactly at the threshold
        "the and of to",  # just under it
        "le la les des et\nder die das und ist",  # two languages level
        "en en en en en en de de de",
        "",
    ],
)
def test_counted_scores_decide_as_the_float_sums_do(text):
    assert detect_language(text) == _by_float_sums(text)


def _short_enough_by_all_words(text: str, best: str) -> bool:
    """The short-text rule as first written: every word of the text split out, then counted."""
    tokens = text.split()
    if best == "en" or len(tokens) > 60:
        return False
    return len(_profile_words(best).intersection(t for t in tokens if t.islower())) >= 3


def test_the_short_text_rule_reads_as_when_every_word_was_split():
    rng = random.Random(9)
    pieces = ["el", "los", "para", "con", "Madrid", "the", "y", "que", " ", "\n", "\t", "\u00a0", "  "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(" \n\t") for _ in range(rng.randint(0, 90)))
        text = rng.choice(["", " ", "\n"]) + text + rng.choice(["", " ", "\n "])
        for best in ("es", "en", "fr"):
            assert _short_enough(text, best) == _short_enough_by_all_words(text, best), (text, best)


def _scores_by_split(lowered: str) -> dict[str, int]:
    """The counted scores as first written: every word split out and looked up."""
    table = _word_parts()
    scores: dict[str, int] = {}
    for word in lowered.split():
        for lang, parts in table.get(word, ()):
            scores[lang] = scores.get(lang, 0) + parts
    return scores


def test_the_wide_spaces_are_every_whitespace_outside_ascii():
    wide = [chr(code) for code in range(0x80, sys.maxunicode + 1) if chr(code).isspace()]
    assert sorted(_WIDE_SPACES) == wide


def test_stop_words_counted_in_one_pass_as_when_every_word_was_split():
    rng = random.Random(11)
    words = ["the", "and", "de", "la", "être", "für", "è", "the's", "(the", "thé", "\ud800", "x"]
    gaps = [" ", "  ", "\n", "\t", "\x1c", "\x0b", "", "\u00a0", "\u2028", "\u3000", "-", "\u200b"]
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(0, 30)))
        text = rng.choice(["", " ", "\n", "\x85"]) + text
        assert _exact_scores(text) == _scores_by_split(text), repr(text)


def test_a_wide_space_falls_back_to_splitting():
    assert _stop_word_counts("the\u00a0and the") is None
    assert _stop_word_counts("the and\tthe\x1fthe") == {"the": 3, "and": 1}


def test_the_script_screen_sees_every_script_letter_after_lower_casing():
    # The body's readers skip script checks when its lower-cased text holds no such letter: CJK letters
    # are script letters, and each script letter lower-cases to script letters ("Σ" → "σ", or "ς").
    from bot.extract.language_cjk import _CJK
    from bot.extract.textlang import _NON_LATIN

    for code in range(0x80, 0x10000):
        char = chr(code)
        if _CJK.fullmatch(char):
            assert _NON_LATIN.fullmatch(char), hex(code)
        if _NON_LATIN.fullmatch(char):
            assert all(_NON_LATIN.fullmatch(low) for low in char.lower()), hex(code)
            assert may_hold_scripts(char.lower()), hex(code)
    assert may_hold_scripts("ΑΣ".lower())
    assert not may_hold_scripts("we’re hiring • paris")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Мы ищем инженера в нашу команду. Вы будете работать с клиентами и продуктом каждый день.", "ru"),
        (SAMPLES["en"] + " We’re • proud of it.", "en"),
        (SAMPLES["en"] * 4 + " 東京オフィス", "en"),
    ],
)
def test_a_postings_language_read_through_the_script_screen(body, code):
    from bot.extract.languages import extract_languages
    from bot.models import Posting

    assert extract_languages(Posting(id="t", title="Engineer"), body)[1] == code
