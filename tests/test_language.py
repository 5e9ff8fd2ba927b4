"""Non-English articles are detected (py3langid); English ones, short ones and name lists are not refused."""

from __future__ import annotations

import pytest

from kg.language import language_problem, not_english

FOREIGN = {
    "fr": "Le ministre des Affaires étrangères a rencontré mardi son homologue à Genève pour parler de la sécurité.",
    "de": "Der Außenminister traf am Dienstag in Genf seinen Amtskollegen, um über die Sicherheit zu sprechen.",
    "es": "El ministro de Asuntos Exteriores se reunió el martes en Ginebra con su homólogo para hablar de seguridad.",
    "ru": "Министр иностранных дел во вторник встретился в Женеве со своим коллегой, чтобы обсудить безопасность.",
}
ENGLISH = [
    "The foreign minister met his counterpart in Geneva on Tuesday to discuss security in Europe, officials said.",
    # English with a foreign quotation in it (the negative twin of the French text above)
    "The minister told reporters in Geneva on Tuesday that the talks had been \"une rencontre utile\", "
    "and that both governments would meet again next month to discuss security in Europe.",
    "Putin Lavrov Kyiv Moscow Geneva",  # names only: too little to tell
    "Ja, nein.",  # short
]


@pytest.mark.parametrize("code, text", FOREIGN.items())
def test_foreign_articles_are_detected_with_their_language(code, text) -> None:
    language = not_english(text)
    assert language is not None and language.code == code and language.confidence >= 0.9
    assert f"({code}, confidence" in language_problem(text) and "not checked" in language_problem(text)


@pytest.mark.parametrize("text", ENGLISH)
def test_english_short_and_name_only_texts_are_not_refused(text) -> None:
    assert not_english(text) is None and language_problem(text) is None
