"""Networks of actors for Cytoscape: one actor's ties (its profile) or the whole field (/network/).

Each kind of tie has a fixed colour (its family, from the Okabe–Ito palette, safe for colour-blind
readers) and a line style that tells the kinds of a family apart; docs/codebook.md lists them.
Undated ties (no start, end or attested date) may have held at any time or none: they are drawn
faded and labelled, and left out of any one year's network rather than counted in every year.
"""

from actors.models import Actor, Relationship

Kind = Relationship.Kind

EDGE_FAMILIES = (
    ("Belonging", "#0072B2", (Kind.PART_OF, Kind.FACTION_OF, Kind.SPLINTER_OF, Kind.MEMBER_OF)),
    ("Leadership and rule", "#CC79A7", (Kind.LEADS, Kind.HOLDS_OFFICE, Kind.GOVERNS)),
    ("Alliance and support", "#009E73", (Kind.ALLY_OF, Kind.SUPPORTS)),
    ("Hostility", "#D55E00", (Kind.HOSTILE_TO, Kind.RIVAL_OF)),
    ("Talks", "#E69F00", (Kind.NEGOTIATES_WITH, Kind.MEDIATES)),
    ("Designation", "#000000", (Kind.DESIGNATED_BY,)),
    ("Kinship", "#999999", (Kind.KIN_OF,)),
)
LINE_STYLES = ("solid", "dashed", "dotted", "double")

NODE_COLOURS = {
    Actor.Kind.ARMED_GROUP: "#D55E00",
    Actor.Kind.FACTION: "#E69F00",
    Actor.Kind.STATE: "#0072B2",
    Actor.Kind.STATE_INSTITUTION: "#56B4E9",
    Actor.Kind.GOVERNMENT: "#009E73",
    Actor.Kind.POLITICAL_PARTY: "#CC79A7",
    Actor.Kind.INTERNATIONAL_ORGANIZATION: "#F0E442",
    Actor.Kind.PERSON: "#FFFFFF",
    Actor.Kind.OTHER: "#999999",
}


def edge_styles():
    """{kind value: {"label", "family", "colour", "line"}} for every kind of tie, in the codebook's order."""
    styles = {}
    for family, colour, kinds in EDGE_FAMILIES:
        for kind, line in zip(kinds, LINE_STYLES, strict=False):
            styles[kind.value] = {"label": kind.label, "family": family, "colour": colour, "line": line}
    return {kind.value: styles[kind.value] for kind in Kind}


EDGE_STYLES = edge_styles()


def is_undated(relationship):
    return relationship.valid_from is None and relationship.valid_until is None


def network_graph(relationships, actors=(), focus=None):
    """Cytoscape elements: the actors given, those the ties join, and one edge per tie."""
    nodes = {actor.pk: actor for actor in actors}
    if focus is not None:
        nodes[focus.pk] = focus
    for relationship in relationships:
        nodes[relationship.subject_id], nodes[relationship.object_id] = relationship.subject, relationship.object
    return {
        "nodes": [
            {
                "id": node.slug,
                "label": node.name,
                "kind": node.kind,
                "colour": NODE_COLOURS[node.kind],
                "url": node.get_absolute_url(),
                "focus": node == focus,
            }
            for node in nodes.values()
        ],
        "edges": [
            {
                "id": relationship.slug,
                "source": relationship.subject.slug,
                "target": relationship.object.slug,
                "kind": relationship.kind,
                "label": relationship.get_kind_display(),
                "colour": EDGE_STYLES[relationship.kind]["colour"],
                "line": EDGE_STYLES[relationship.kind]["line"],
                "strained": relationship.status == Relationship.Status.STRAINED,
                "undated": is_undated(relationship),
            }
            for relationship in relationships
        ],
    }


def legend(network):
    """The kinds of node and of tie the network draws, for its legend."""
    node_kinds = {node["kind"] for node in network["nodes"]}
    edge_kinds = {edge["kind"] for edge in network["edges"]}
    return {
        "nodes": [(kind.label, NODE_COLOURS[kind]) for kind in Actor.Kind if kind in node_kinds],
        "edges": [style for kind, style in EDGE_STYLES.items() if kind in edge_kinds],
        "undated": any(edge["undated"] for edge in network["edges"]),
        "strained": any(edge["strained"] for edge in network["edges"]),
    }
