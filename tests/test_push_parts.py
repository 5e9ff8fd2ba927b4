"""How `kg push` cuts a graph into requests: under the byte and triple limits, between triples,
blank nodes together; and which update endpoint sits beside a Graph Store endpoint."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.push import Refused, parts, update_endpoint_for


def _line(n: int, size: int) -> bytes:
    return f'<http://example.org/s{n}> <http://example.org/p> "{"x" * size}" .'.encode()


@given(st.lists(st.integers(min_value=0, max_value=300), max_size=60),
       st.integers(min_value=400, max_value=3000), st.one_of(st.none(), st.integers(min_value=1, max_value=10)))
def test_parts_keep_every_triple_in_order_under_both_limits(sizes, budget, cap):
    lines = [_line(n, size) for n, size in enumerate(sizes)]
    cut = list(parts(lines, budget, cap))
    assert b"".join(cut) == b"".join(line + b"\n" for line in lines)
    assert all(len(p) <= budget for p in cut)
    if cap:
        assert all(p.count(b"\n") <= cap for p in cut)
    assert all(p.endswith(b"\n") for p in cut)  # cut between triples


def test_triples_with_blank_nodes_stay_in_one_part():
    blank = [b'_:b1 <http://example.org/p> "1" .', b'<http://example.org/s> <http://example.org/q> _:b1 .']
    plain = [_line(n, 40) for n in range(30)]
    cut = list(parts(plain[:15] + blank + plain[15:], budget=400, max_triples=2))
    holding = [p for p in cut if b"_:b1" in p]
    assert len(holding) == 1 and all(b in holding[0] for b in blank)


def test_a_blank_node_label_inside_a_literal_is_no_blank_node():
    lines = [b'<http://example.org/s> <http://example.org/p> "see _:b1 here" .'] * 3
    assert len(list(parts(lines, budget=10_000, max_triples=1))) == 3


def test_a_triple_over_the_budget_is_refused_with_what_to_do():
    with pytest.raises(Refused, match="one triple takes .* --max-request-bytes"):
        list(parts([_line(0, 10), _line(1, 5000)], budget=1000))


@pytest.mark.parametrize("store, update", [
    ("http://h:7878/rdf-graphs/service", "http://h:7878/sparql"),   # kg serve
    ("http://h:7878/store", "http://h:7878/update"),                  # Oxigraph
    ("http://h:3030/ds/data", "http://h:3030/ds/update"),             # Fuseki
    ("http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql-auth"),  # Virtuoso
    ("http://h:8890/sparql-graph-crud", "http://h:8890/sparql"),
    ("http://h/elsewhere", None),
])
def test_the_update_endpoint_beside_a_graph_store(store, update):
    assert update_endpoint_for(store) == update


def test_the_cli_help_gives_the_real_defaults(capsys):
    from kg.cli import main
    from kg.push import MAX_REQUEST_BYTES, MAX_UPDATE_TRIPLES

    with pytest.raises(SystemExit):
        main(["push", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"default {MAX_REQUEST_BYTES:,}" in text and f"default: {MAX_UPDATE_TRIPLES:,}" in text
