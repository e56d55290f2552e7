"""axe-core (vendored from npm for the browser tests only) run on the page a test has open."""

from django.conf import settings

AXE = settings.BASE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}


def serious_violations(page):
    """Each serious or critical axe violation on the page, with the elements it found it on."""
    # Evaluated through the browser's debugging protocol, which the page's script policy does not govern.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in result["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]
