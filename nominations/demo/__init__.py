"""The demo's workflow: three campaigns whose dossiers, verdicts, votes, decisions, notifications and
certificates are all made by the real services of nominations.services (see clock.py for how the steps
are placed on a believable calendar). Entry points: `workflow_exists`, `seed_workflow`, `reset_workflow`;
units.demo.seed_demo and reset_demo call them.

The years follow the calendar (units.demo.rounds.open_round_year of the day seeded as of):

- the finished annual campaign of the year before the open round's: dossiers of five units appraised (one
  nominee refused with its reason), voted by council1..council5 (one nominee falls short and is refused),
  decided by the chair (and a Giấy khen decision of the Sở Y tế director), published, certificates issued;
- the open annual campaign (of this year from November, else of last year): the officer's (Sở Nội vụ)
  draft with an eligible and an ineligible, justified nominee, and other units' dossiers submitted, under
  review, returned with per-nominee comments (officer2's ward), and in council with an open vote that three
  members have cast, and one in council posted publicly around the day seeded as of, with comments from
  the public (one answered by the reviewer);
- an open thematic movement (BK_TINH, GK) with an overdue dossier."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, PrintBatch, RegistryCounter
from units.models import Honour

from ..enums import NOMINEE_COUNCIL_STATES
from ..models import (
    Ballot,
    Campaign,
    Decision,
    DecisionRegister,
    Dossier,
    Nominee,
    Notification,
    PublicComment,
    VoteSession,
)
from . import cast as cast_module
from . import clock, current, past

__all__ = ["WorkflowResult", "annual_rounds", "reset_workflow", "seed_workflow", "why_not", "workflow_exists"]

TITLE_PATTERNS = [
    re.compile(r"^Bình xét thi đua, khen thưởng năm \d{4}$"),
    re.compile(r"^Phong trào thi đua chuyển đổi số \d{4}–\d{4}$"),
]


@dataclass
class WorkflowResult:
    created: bool
    lines: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)


def demo_campaigns():
    """The campaigns the demo builds, recognised by their titles."""
    ids = [c.pk for c in Campaign.objects.only("pk", "title") if any(p.match(c.title) for p in TITLE_PATTERNS)]
    return Campaign.objects.filter(pk__in=ids)


def workflow_exists() -> bool:
    return demo_campaigns().exists()


def annual_rounds() -> tuple[Campaign | None, Campaign | None]:
    """The demo's open annual campaign (the newest year) and its finished one (the year before)."""
    annual = list(demo_campaigns().filter(kind="annual").order_by("-year")[:2])
    annual += [None] * (2 - len(annual))
    return annual[0], annual[1]


def why_not(open_year: int) -> str | None:
    """Why the campaigns of `open_year` (and the finished one of the year before) cannot be built now, or
    None. Checked before anything is built, so a refused seeding leaves nothing half made."""
    from awards.rulesets import rule_set_in_force

    for year in (open_year - 1, open_year):
        if rule_set_in_force(year) is None:
            return (f"The demo campaigns need the rules in force in {year} and none is recorded (the 2022 Law "
                    "applies from 2024): seed the demo as of a later day, or with --no-workflow.")
    return past.real_clock_refusal(open_year - 1)


def seed_workflow(*, open_year: int, password: str, today=None) -> WorkflowResult:
    """Build the three campaigns unless demo campaigns exist: the open round of `open_year` and the
    finished round of the year before, as seen on `today` (default: the local date). Needs the demo
    province with people."""
    if workflow_exists():
        return WorkflowResult(created=False, lines=["The demo campaigns already exist; nothing added."])
    today = today or timezone.localdate()
    with transaction.atomic(), clock.story_day(today):
        cast = cast_module.load(password)
        old = past.build(cast, open_year - 1, today)
        now = current.build(cast, open_year, today)
    return WorkflowResult(created=True, lines=_summary(old, now),
                          officers=[f"{u.username} ({u.unit.name})" for u in cast.officers.values()
                                    if u.username in cast.created])


def _summary(old, now) -> list[str]:
    decisions = ", ".join(f"{d.number} ({d.lines.count()} awardees)" for d in old.decisions)
    states = "; ".join(f"{state}: {len(codes)}" for state, codes in sorted(now.states.items()))
    posted = Nominee.objects.filter(dossier__in=list(now.posted), state__in=NOMINEE_COUNCIL_STATES).count()
    return [
        f"“{old.campaign.title}”: {old.campaign.dossiers.count()} dossiers decided; decisions {decisions or '—'}, "
        f"published; {old.certificates} certificates issued; {old.refused} nominees refused with a reason.",
        f"“{now.annual.title}” (open until {now.annual.closes_on:%d/%m/%Y}) and “{now.thematic.title}”: "
        f"dossiers by state — {states}; {now.ballots} ballots cast in the open council vote; "
        f"overdue: {', '.join(now.overdue) or '—'}; {posted} nominees publicly posted (/public/posting/) with "
        f"{now.comments} public comments.",
    ]


def reset_workflow() -> None:
    """Delete the demo campaigns and everything made in them (certificates and their print batches, the
    honours entered by their decisions, decisions, votes, dossiers, their notifications) and the extra
    unit officers; roll the decision registers and registry counters back so a rebuild gives the same
    numbers. Deletes in an order that respects the PROTECT foreign keys."""
    with transaction.atomic():
        campaigns = list(demo_campaigns())
        decisions = list(Decision.objects.filter(campaign__in=campaigns))
        # A number comes back every year, so an honour is the demo's by its decision's number and date.
        made = Q(pk__in=[])
        for d in decisions:
            made |= Q(decision_number=d.number, decided_on=d.decided_on)
        honours = Honour.objects.filter(made, source=Honour.Source.DECISION)
        certificates = Certificate.objects.filter(honour__in=honours)
        counters = set(certificates.values_list("issuer_code", "year"))
        batches = PrintBatch.objects.filter(certificates__in=certificates).distinct()
        for batch in batches:
            for file in (batch.combined_pdf, batch.zip_file):
                if file:
                    file.delete(save=False)
        PrintBatch.objects.filter(pk__in=[b.pk for b in batches]).delete()
        certificates.update(supersedes=None)
        certificates.delete()
        honours.delete()
        urls = [reverse("nominations:decision_detail", args=[d.pk]) for d in decisions]
        urls += [reverse("nominations:vote_detail", args=[pk])
                 for pk in VoteSession.objects.filter(campaign__in=campaigns).values_list("pk", flat=True)]
        urls += [reverse("nominations:dossier_detail", args=[pk])
                 for pk in Dossier.objects.filter(campaign__in=campaigns).values_list("pk", flat=True)]
        urls += [c.get_absolute_url() for c in PublicComment.objects.filter(nominee__campaign__in=campaigns)]
        registers = {(d.issuer, d.year) for d in decisions}
        Decision.objects.filter(pk__in=[d.pk for d in decisions]).delete()
        Ballot.objects.filter(session__campaign__in=campaigns).delete()  # only the demo reset deletes ballots
        VoteSession.objects.filter(campaign__in=campaigns).delete()
        Dossier.objects.filter(campaign__in=campaigns).delete()
        Notification.objects.filter(url__in=urls).delete()
        Campaign.objects.filter(pk__in=[c.pk for c in campaigns]).delete()
        cast_module.delete_extra_officers()
        for issuer, year in registers:
            last = Decision.objects.filter(issuer=issuer, year=year).aggregate(n=Max("sequence"))["n"] or 0
            DecisionRegister.objects.filter(issuer=issuer, year=year).update(last_number=last)
        for issuer_code, year in counters:
            last = (Certificate.objects.filter(issuer_code=issuer_code, year=year)
                    .aggregate(n=Max("registry_number"))["n"] or 0)
            RegistryCounter.objects.filter(issuer_code=issuer_code, year=year).update(last_number=last)
