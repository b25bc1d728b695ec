"""The dependency graph as JSON (node-link), DOT or GraphML, with plain string attributes and a fixed order."""

from __future__ import annotations

import io
import json

import networkx as nx

from ..graph import PlanGraph


def export(graph: PlanGraph, fmt: str) -> str:
    g = graph.export()
    if fmt == "json":
        data = nx.node_link_data(g, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(g, buffer, encoding="utf-8")
        return buffer.getvalue().decode("utf-8")
    lines = ["digraph plancheck {", "  rankdir=BT;"]
    for node, data in g.nodes(data=True):
        label = data.get("label", node).replace('"', '\\"')
        lines.append(f'  "{node}" [label="{label}", kind="{data.get("kind", "")}"];')
    for u, v, data in g.edges(data=True):
        lines.append(f'  "{u}" -> "{v}" [label="{data["relation"]}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
