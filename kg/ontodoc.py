"""HTML documentation of the ontology, generated from ``ontology/diplomacy.ttl``.

One self-contained page (inline CSS, no scripts, nothing fetched): the header
(IRI, version, licence, notes), the classes and properties with their label,
comment, domain, range, super-terms and alignments, the disjointness axioms and
the PLOVER categories.  Every term has an anchor (``#Person``, ``#holdsPosition``,
``#plover-CONSULT``) so the term IRIs can redirect to it.  Every string from the
file is escaped.
"""

from __future__ import annotations

from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .vocab import DIP_NS, ONTOLOGY_IRI, PLOVER, PREFIXES

__all__ = ["html"]

#: Mapping properties shown as alignments, in this order, with their reading.
ALIGNMENTS = (
    (OWL.equivalentClass, "equivalent class"), (OWL.equivalentProperty, "equivalent property"),
    (SKOS.exactMatch, "exact match"), (SKOS.closeMatch, "close match"), (SKOS.broadMatch, "broader match"),
    (SKOS.narrowMatch, "narrower match"), (SKOS.relatedMatch, "related match"),
)
_EXTRA_PREFIXES = {
    "plover": str(PLOVER), "wikibase": "http://wikiba.se/ontology#", "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#", "dcat": "http://www.w3.org/ns/dcat#",
}

_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#fafbfc}
main{max-width:62rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
h1{font-size:1.8rem;margin:.5rem 0}h2{margin-top:2.5rem;border-bottom:2px solid #d7dde6;padding-bottom:.25rem}
h3{margin:0 0 .25rem;font-size:1.15rem}code,.iri{font:.9em/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
.iri{color:#4b5567;word-break:break-all}a{color:#0b5cad;text-decoration:none}a:hover{text-decoration:underline}
section.term{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:.9rem 1.1rem;margin:1rem 0}
section.term:target{border-color:#0b5cad;box-shadow:0 0 0 3px #cfe2f7}
dl{display:grid;grid-template-columns:10rem 1fr;gap:.2rem .8rem;margin:.6rem 0 0}dt{color:#4b5567}dd{margin:0}
.kind{font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#fff;background:#5a6b82;
border-radius:3px;padding:.05rem .4rem;margin-left:.5rem;vertical-align:middle}
nav ul{columns:3;list-style:none;padding:0}nav li{break-inside:avoid}.note{color:#39424f}
table{border-collapse:collapse}td,th{border:1px solid #dde3ea;padding:.25rem .6rem;text-align:left}
"""


def _prefixes(graph: Graph) -> dict[str, str]:
    known = dict(PREFIXES) | _EXTRA_PREFIXES
    for prefix, ns in graph.namespaces():
        known.setdefault(prefix, str(ns))
    return known


class _Page:
    def __init__(self, graph: Graph):
        self.g = graph
        self.prefixes = _prefixes(graph)

    # -- terms ---------------------------------------------------------------------------

    def curie(self, iri: str) -> str:
        best = ""
        for prefix, ns in self.prefixes.items():
            if iri.startswith(ns) and len(ns) > len(self.prefixes.get(best, "")):
                best = prefix
        return f"{best}:{iri[len(self.prefixes[best]):]}" if best else iri

    def anchor(self, iri: str) -> str | None:
        if iri.startswith(DIP_NS):
            return iri[len(DIP_NS):]
        if iri.startswith(str(PLOVER)):
            return "plover-" + iri[len(str(PLOVER)):]
        return None

    def link(self, node) -> str:
        """A term as a link: to its anchor on this page, else to its IRI; a class expression in words."""
        if isinstance(node, Literal):
            return escape(str(node))
        if isinstance(node, BNode):
            for op, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
                members = self.g.value(node, op)
                if members is not None:
                    return "(" + word.join(self.link(m) for m in Collection(self.g, members)) + ")"
            return "(an anonymous class)"
        iri = str(node)
        anchor = self.anchor(iri)
        href = f"#{anchor}" if anchor else (iri if iri.startswith(("http://", "https://")) else "")
        text = f"<code>{escape(self.curie(iri))}</code>"
        return f'<a href="{escape(href, quote=True)}">{text}</a>' if href else text

    def links(self, nodes) -> str:
        return ", ".join(self.link(n) for n in sorted(nodes, key=str))

    def text(self, subject, predicate) -> str:
        values = sorted(self.g.objects(subject, predicate),
                        key=lambda v: (getattr(v, "language", None) != "en", str(v)))  # English first
        return escape(str(values[0])) if values else ""

    # -- sections ------------------------------------------------------------------------

    def header(self) -> str:
        onto = URIRef(ONTOLOGY_IRI)
        rows = [("IRI", f'<span class="iri">{escape(ONTOLOGY_IRI)}</span>')]
        for label, prop in (("version IRI", OWL.versionIRI), ("version", OWL.versionInfo),
                            ("prior version", OWL.priorVersion), ("modified", DCTERMS.modified),
                            ("licence", DCTERMS.license), ("creator", DCTERMS.creator), ("see also", RDFS.seeAlso)):
            values = list(self.g.objects(onto, prop))
            if values:
                rows.append((label, self.links(values)))
        title = self.text(onto, RDFS.label) or "Ontology"
        notes = "".join(f'<p class="note">{escape(str(n))}</p>'
                        for n in sorted(self.g.objects(onto, SKOS.note), key=str))
        return f"<header><h1>{title}</h1><p>{self.text(onto, RDFS.comment)}</p>{self._dl(rows)}</header>{notes}"

    def _dl(self, rows) -> str:
        return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows if v) + "</dl>"

    def term(self, iri: URIRef, kind: str) -> str:
        g, local = self.g, self.anchor(str(iri))
        if (iri, RDF.type, SKOS.ConceptScheme) in g:
            kind = "concept scheme"
        rows = [("IRI", f'<span class="iri">{escape(str(iri))}</span>')]
        if kind == "class":
            rows += [("subclass of", self.links(g.objects(iri, RDFS.subClassOf))),
                     ("subclasses", self.links(s for s in g.subjects(RDFS.subClassOf, iri) if isinstance(s, URIRef))),
                     ("disjoint with", self.links(self.disjoint(iri))),
                     ("domain of", self.links(g.subjects(RDFS.domain, iri))),
                     ("range of", self.links(g.subjects(RDFS.range, iri)))]
        elif g.value(iri, RDF.type) in (SKOS.Concept, SKOS.ConceptScheme):
            rows += [("in scheme", self.links(g.objects(iri, SKOS.inScheme))),
                     ("matched by", self.links(s for prop, _ in ALIGNMENTS for s in g.subjects(prop, iri)))]
        else:
            rows += [("domain", self.links(g.objects(iri, RDFS.domain))),
                     ("range", self.links(g.objects(iri, RDFS.range))),
                     ("subproperty of", self.links(g.objects(iri, RDFS.subPropertyOf))),
                     ("characteristics", ", ".join(escape(self.curie(str(t))) for t in sorted(g.objects(iri, RDF.type))
                                                   if t not in (OWL.ObjectProperty, OWL.DatatypeProperty)))]
        rows += [(word, self.links(g.objects(iri, prop))) for prop, word in ALIGNMENTS]
        rows += [("see also", self.links(g.objects(iri, RDFS.seeAlso)))]
        rows += [("note", escape(str(n))) for n in sorted(g.objects(iri, SKOS.note), key=str)]
        label = self.text(iri, RDFS.label) or self.text(iri, SKOS.prefLabel) or escape(local or "")
        comment = self.text(iri, RDFS.comment) or self.text(iri, SKOS.definition)
        return (f'<section class="term" id="{escape(local or "", quote=True)}"><h3>{label}'
                f'<span class="kind">{escape(kind)}</span></h3><p>{comment}</p>{self._dl(rows)}</section>')

    def disjoint(self, cls: URIRef) -> set:
        """The classes disjoint with ``cls``, or with one of its superclasses."""
        ancestors, todo = {cls}, [cls]
        while todo:
            for sup in self.g.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(sup, URIRef) and sup not in ancestors:
                    ancestors.add(sup)
                    todo.append(sup)
        out = set()
        for c in ancestors:
            out |= set(self.g.objects(c, OWL.disjointWith)) | set(self.g.subjects(OWL.disjointWith, c))
        for node in self.g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(self.g, self.g.value(node, OWL.members)))
            for c in ancestors & set(members):
                out |= set(members) - {c}
        return out

    def disjointness(self) -> str:
        items = []
        for node in sorted(self.g.subjects(RDF.type, OWL.AllDisjointClasses), key=lambda n: self.text(n, RDFS.comment)):
            members = Collection(self.g, self.g.value(node, OWL.members))
            items.append(f"<li>{', '.join(self.link(m) for m in members)}: {self.text(node, RDFS.comment)}</li>")
        return f'<h2 id="disjointness">Disjoint classes</h2><ul>{"".join(items)}</ul>' if items else ""

    def render(self) -> str:
        g = self.g

        def terms(kind_type) -> list[URIRef]:
            return sorted((s for s in g.subjects(RDF.type, kind_type) if str(s).startswith(DIP_NS)), key=str)

        classes, objects, datas = terms(OWL.Class), terms(OWL.ObjectProperty), terms(OWL.DatatypeProperty)
        concepts = [s for kind in (SKOS.ConceptScheme, SKOS.Concept)
                    for s in sorted(g.subjects(RDF.type, kind), key=str) if str(s).startswith(str(PLOVER))]
        parts = [("classes", "Classes", classes, "class"), ("object-properties", "Object properties", objects,
                  "object property"), ("datatype-properties", "Datatype properties", datas, "datatype property"),
                 ("plover", "PLOVER event categories", concepts, "concept")]
        nav = "".join(f'<h3>{escape(title)}</h3><ul>{"".join(f"<li>{self.link(t)}</li>" for t in items)}</ul>'
                      for _, title, items, _ in parts if items)
        body = "".join(f'<h2 id="{key}">{escape(title)}</h2>' + "".join(self.term(t, kind) for t in items)
                       for key, title, items, kind in parts if items)
        prefixes = "".join(f"<tr><td><code>{escape(p)}</code></td><td class=\"iri\">{escape(ns)}</td></tr>"
                           for p, ns in sorted(self.prefixes.items()) if any(
                               str(t).startswith(ns) for t in g.all_nodes() if isinstance(t, URIRef)))
        title = self.text(URIRef(ONTOLOGY_IRI), RDFS.label) or "Ontology"
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>{title}</title><style>{_CSS}</style></head><body><main>{self.header()}"
                f"<nav><h2>Contents</h2>{nav}<p><a href=\"#disjointness\">Disjoint classes</a> · "
                f"<a href=\"#prefixes\">Prefixes</a></p></nav>{body}{self.disjointness()}"
                f'<h2 id="prefixes">Prefixes</h2><table>{prefixes}</table></main></body></html>\n')


def html(graph: Graph) -> str:
    """The documentation of the ontology ``graph`` as one self-contained HTML page.

    ``kg.ontology.html()`` renders kg's own ontology (this module does not import kg.ontology:
    no import cycle)."""
    return _Page(graph).render()
