"""Portuguese postings: the words that require a language, and the ones that only prefer it."""

from __future__ import annotations

import pytest

from bot.extract.languages import extract_languages
from bot.models import Posting

# Enough Portuguese around the line for the text to read as Portuguese, as a real posting does.
_INTRO = (
    "Estamos contratando uma pessoa para o nosso time de tecnologia em São Paulo. Você vai trabalhar com "
    "produto e engenharia para construir a nossa plataforma.\n"
)


def asked(line: str) -> dict[str, bool]:
    text = _INTRO + line
    found, _ = extract_languages(Posting(id="t:1", title="Engenheiro de Software", text=text), text)
    return {req.code: req.required for req in found if req.code != "pt"}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Requisitos: inglês fluente. Espanhol será um diferencial.", {"en": True, "es": False}),
        ("Fluência em inglês é obrigatória, espanhol é um diferencial.", {"en": True, "es": False}),
        ("Inglês: obrigatório; Espanhol: desejável", {"en": True, "es": False}),
        ("O inglês é essencial para a função.", {"en": True}),
        ("Inglês avançado é um plus.", {"en": False}),
        ("Diferenciais:\n- Espanhol intermediário", {"es": False}),
        ("Inglês básico", {"en": True}),
    ],
)
def test_portuguese_requirements_and_preferences(line, expected):
    assert asked(line) == expected
