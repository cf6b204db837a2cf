"""The automated accessibility check of the browser tests: axe-core (bundled with the axe-playwright-python
package and injected into the page under test, no CDN) on the page as it is, failing on any violation of
impact serious or critical, with the rule, its impact and the elements in the message."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("critical", "serious")
# WCAG 2.1 A and AA plus axe's best practices (landmarks, headings, unique ids...).
OPTIONS = {"resultTypes": ["violations"],
           "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}

_axe = Axe()


def blocking_violations(page) -> list[dict]:
    violations = _axe.run(page, options=OPTIONS).response["violations"]
    return [v for v in violations if v.get("impact") in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = (node.get("failureSummary") or "").splitlines()
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary[-1].strip() if summary else ''}")
    return "\n".join(lines)


def check_a11y(page, name: str):
    """Fail when the page, as it is now, has a serious or critical accessibility violation."""
    violations = blocking_violations(page)
    assert not violations, f"Accessibility violations on {name} ({page.url}):\n{describe(violations)}"

