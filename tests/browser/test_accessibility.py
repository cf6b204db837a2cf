"""The accessibility check (tests/browser/a11y.py: axe-core, no serious or critical violation) on the pages the
browser story does not stop at, as each role sees them: the to-do home, the review queue, the council vote,
the decision, the certificate lists, the public registry and verification, the login page. The demo province
(the same data as `make demo`, a small one) gives every page something to show: an open vote with ballots, a
published decision, issued certificates."""

import pytest
from django.urls import reverse
from django.utils import translation

from certificates.models import Certificate
from nominations.models import Decision, VoteSession
from units import demo

from .a11y import blocking_violations, describe
from .fixtures import PASSWORD, desktop, login, phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def pages_by_role() -> dict[str, list[str]]:
    """Username → the pages that user visits (the demo logins of units/demo)."""
    open_vote = VoteSession.objects.filter(state="open").order_by("pk").first()
    decision = Decision.objects.order_by("pk").first()
    certificate = Certificate.objects.order_by("pk").first()
    assert open_vote and decision and certificate, "the demo data must hold a vote, a decision and a certificate"
    vote = reverse("nominations:vote_detail", args=[open_vote.pk])
    return {
        "": ["/login/", reverse("public:registry"), reverse("certificates:verify_lookup"),
             certificate.verify_path()],
        "officer": ["/", reverse("nominations:dossier_list"), reverse("nominations:inbox")],
        "reviewer": ["/", reverse("nominations:queue")],
        "council1": ["/", reverse("nominations:vote_list"), vote],
        "chair": ["/", vote, reverse("nominations:decision_list"),
                  reverse("nominations:decision_detail", args=[decision.pk])],
        "clerk": ["/", reverse("certificates:list"), reverse("certificates:batch_list"),
                  reverse("certificates:detail", args=[certificate.pk])],
    }


@pytest.mark.parametrize("look", [desktop("vi"), phone("en")], ids=lambda look: look.name)
def test_pages_of_every_role_have_no_serious_accessibility_violation(browse, shots, look):
    with translation.override("vi"):
        demo.seed_demo(people=120, password=PASSWORD)
    problems = []
    for username, paths in pages_by_role().items():
        page = browse()
        if username:
            login(page, username)
        for path in paths:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == look.language
            name = f"{username or 'public'}-{path.strip('/').replace('/', '-') or 'home'}"
            shots(page, name[:60])
            violations = blocking_violations(page)
            if violations:
                problems.append(f"{name} ({path}):\n{describe(violations)}")
        page.context.close()
    assert not problems, "Accessibility violations:\n" + "\n".join(problems)
