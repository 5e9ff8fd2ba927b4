"""The generated title vocabulary is what the embedded snapshot gives, and extraction reads it."""

from __future__ import annotations

from kg.link import vocab


def test_the_committed_vocabulary_is_generated_from_the_snapshot(kb):
    heads, words = vocab.generate(kb)
    assert vocab.TARGET.read_text(encoding="utf-8") == vocab.render(heads, words), \
        "kg/title_vocab.py is stale: run `python -m kg.link.vocab`"


def test_the_vocabulary_holds_office_words_and_no_country_names(kb):
    from kg.lexicon import HEADS, TITLE_WORDS

    heads, words = vocab.generate(kb)
    assert {"minister", "secretary", "president"} <= set(heads) <= HEADS
    assert {"europe", "attorney", "general", "defence"} <= set(words) <= TITLE_WORDS
    assert not {"estonia", "france", "brazil", "japan"} & set(words)  # the country is read apart
    assert "portfolio" not in heads  # "Minister without Portfolio" is headed by "minister"
