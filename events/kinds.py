"""The fixed look of each incident kind in every chart and legend (documented in docs/codebook.md).

Thirty kinds cannot each have a colour that colour-blind readers tell apart, so the kinds are in
eight families, each one hue of the Okabe–Ito palette (safe for the common colour-vision
deficiencies), and the kinds within a family differ by a fill pattern.
"""

from dataclasses import dataclass

from events.models import Incident

Kind = Incident.Kind

PATTERNS = ("solid", "stripes", "dots", "crosshatch", "lines")


@dataclass(frozen=True)
class Family:
    name: str
    colour: str
    ink: str  # the colour a pattern is drawn in over the hue: "light" or "dark", whichever contrasts
    kinds: tuple


FAMILIES = (
    Family(
        "Bombings and attacks",
        "#D55E00",
        "light",
        (Kind.SUICIDE_BOMBING, Kind.BOMBING, Kind.ARMED_ATTACK, Kind.HOSTAGE_TAKING, Kind.JAILBREAK),
    ),
    Family(
        "Military force",
        "#0072B2",
        "light",
        (Kind.AIR_STRIKE, Kind.DRONE_STRIKE, Kind.SHELLING, Kind.OFFENSIVE, Kind.BORDER_CLASH),
    ),
    Family("The border", "#E69F00", "dark", (Kind.BORDER_CLOSURE, Kind.BORDER_REOPENING)),
    Family(
        "Ceasefires and talks",
        "#009E73",
        "light",
        (Kind.CEASEFIRE, Kind.CEASEFIRE_END, Kind.TALKS, Kind.DELEGATION, Kind.VISIT),
    ),
    Family(
        "People held, freed or displaced",
        "#56B4E9",
        "dark",
        (Kind.DISPLACEMENT, Kind.RESCUE, Kind.RELEASE, Kind.ARREST),
    ),
    Family(
        "Groups and power",
        "#CC79A7",
        "dark",
        (Kind.FOUNDING, Kind.SPLIT, Kind.MERGER, Kind.SEIZURE_OF_POWER, Kind.DESIGNATION),
    ),
    Family("Words", "#F0E442", "dark", (Kind.STATEMENT, Kind.ACCUSATION, Kind.PROTEST_NOTE)),
    Family("Other", "#999999", "dark", (Kind.OTHER,)),
)

INKS = {"light": "#FFFFFF", "dark": "#000000"}

# Incidents dated more loosely than a chart's bin: drawn apart, in a grey no kind uses.
LOOSE_STYLE = {"colour": "#DDDDDD", "pattern": "crosshatch", "ink": "dark"}


def kind_styles():
    """{kind value: {"family", "colour", "pattern", "ink"}} for every kind, in the codebook's order."""
    styles = {}
    for family in FAMILIES:
        for kind, pattern in zip(family.kinds, PATTERNS, strict=False):
            styles[kind.value] = {"family": family.name, "colour": family.colour, "pattern": pattern, "ink": family.ink}
    return {kind.value: styles[kind.value] for kind in Kind}


KIND_STYLES = kind_styles()
