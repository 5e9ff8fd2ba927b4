"""kg: a knowledge-graph builder for diplomacy news that fact-checks what it reads against Wikidata."""

__version__ = "0.1.0"
