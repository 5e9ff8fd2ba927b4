"""Articles -> RDF, one batch at a time: the work a build process, pool worker or Dask task does.

Its own module so that both the local build (kg/build.py) and the Dask runner
(kg/distributed.py) import it, and neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Article
from .store import ntriples


@dataclass
class Built:
    """One article turned into RDF: its graphs as N-Triples, or the error that stopped it."""

    article_id: str
    graphs: dict[str, bytes] = field(default_factory=dict)
    triples: int = 0
    mentions: int = 0
    words: int = 0
    error: str | None = None


class Processor:
    """Articles -> :class:`Built` records with one loaded pipeline and knowledge base."""

    def __init__(self, nlp, kb, batch_size: int = 32):
        self.nlp, self.kb, self.batch_size = nlp, kb, batch_size

    def __call__(self, articles: list[Article]) -> list[Built]:
        from .extract import extract
        from .graph import build as build_graph
        from .link import link

        out: list[Built] = []

        def failed(article: Article, exc: Exception) -> None:  # one article's failure must not stop the build
            out.append(Built(article.id, error=f"{article.path or article.source}: article {article.id}: "
                                               f"not built ({type(exc).__name__}: {exc}); please report this input"))

        for extraction in extract(articles, self.nlp, batch_size=self.batch_size, on_error=failed):
            article = extraction.article
            built = Built(article.id, mentions=len(extraction.mentions), words=len(article.text.split()))
            try:
                for graph, triples in build_graph(extraction, link(extraction, self.kb)).items():
                    built.graphs[str(graph)] = ntriples(triples)
                    built.triples += len(triples)
            except Exception as exc:  # noqa: BLE001
                failed(article, exc)
                continue
            out.append(built)
        return out
