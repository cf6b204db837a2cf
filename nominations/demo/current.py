"""The campaigns open now: the annual campaign of the open round's year (units.demo.rounds), with dossiers
at every stage of the workflow, and a thematic movement with an overdue dossier."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from awards.enums import CampaignKind

from .. import services
from ..models import Campaign, VoteSession
from .clock import at, backdated
from .story import (
    Pick,
    Want,
    awards_for,
    eligible_picks,
    file_dossier,
    fill_up,
    make_campaign,
    nominees,
    resolve,
    weekday,
)
from .subjects import Picker


def annual_title(year: int) -> str:
    return f"Bình xét thi đua, khen thưởng năm {year}"


def thematic_title(year: int) -> str:
    return f"Phong trào thi đua chuyển đổi số {year}–{year + 1}"


SCAN = [("CSTD_TINH", False), ("BK_TINH", False), ("CSTDCS", False), ("TTLDXS", True), ("BK_TINH", True),
        ("TTLDTT", True)]
# The stages the other units' dossiers are left at, in the order the best-stocked units get them:
# (state, days ago filed, days ago submitted). The officer's and officer2's units are fixed.
STAGES = [("in_council", 20, 18), ("in_council", 19, 17), ("in_council", 18, 16), ("under_review", 12, 8),
          ("submitted", 8, 3), ("submitted", 6, 1)]
FALLBACK = ["SYT", "SGDDT", "SNNMT", "XDK", "STC", "SCT"]
RETURN_COMMENT = "Hồ sơ chưa có biên bản họp Hội đồng Thi đua – Khen thưởng cơ sở; đề nghị bổ sung và gửi lại."
RETURN_NOMINEE_COMMENTS = [
    "Báo cáo thành tích chưa có xác nhận của Thủ trưởng đơn vị.",
    "Bổ sung quyết định công nhận sáng kiến và hiệu quả áp dụng.",
]
NEEDS_REVIEW_OR_BETTER = ("eligible", "needs_review")
# The thematic movement: achievements are judged by the reviewers ("needs review" by design).
THEMATIC = {
    "SKHCN": (50, 45, "submitted", [Want("BK_TINH", verdicts=NEEDS_REVIEW_OR_BETTER),
                                    Want("GK", collective=True, verdicts=NEEDS_REVIEW_OR_BETTER, in_unit="CDS")]),
    "VPUB": (14, 12, "under_review", [Want("BK_TINH", verdicts=NEEDS_REVIEW_OR_BETTER, in_unit="HCC"),
                                      Want("GK", verdicts=NEEDS_REVIEW_OR_BETTER, in_unit="HCC")]),
}


@dataclass
class CurrentResult:
    annual: Campaign
    thematic: Campaign
    states: dict = field(default_factory=dict)  # state -> dossier codes
    ballots: int = 0
    overdue: list = field(default_factory=list)  # dossier codes


def _ago(today: datetime.date, days: int) -> datetime.date:
    return weekday(today - datetime.timedelta(days=days), backwards=True)


def build(cast, year: int, today: datetime.date) -> CurrentResult:
    windows = {"annual": (today - datetime.timedelta(days=21), today + datetime.timedelta(days=35)),
               "thematic": (today - datetime.timedelta(days=100), today + datetime.timedelta(days=40))}
    # The services accept a submission while the real clock is inside the window; for a demo seeded as of
    # another day the window also spans the real today while the stories run, and is set right at the end.
    real = timezone.localdate()
    running = {kind: (min(opens, real), max(closes, real)) for kind, (opens, closes) in windows.items()}
    annual = make_campaign(kind=CampaignKind.ANNUAL, year=year, title=annual_title(year),
                           opens_on=running["annual"][0], closes_on=running["annual"][1],
                           awards=awards_for(CampaignKind.ANNUAL))
    thematic = make_campaign(kind=CampaignKind.THEMATIC, year=year, title=thematic_title(year),
                             opens_on=running["thematic"][0], closes_on=running["thematic"][1],
                             awards=awards_for(CampaignKind.THEMATIC, {"BK_TINH", "GK"}))
    result = CurrentResult(annual, thematic)
    _annual(cast, annual, today, result)
    _thematic(cast, thematic, today, result)
    for campaign in (annual, thematic):
        campaign.opens_on, campaign.closes_on = windows[campaign.kind]
        Campaign.objects.filter(pk=campaign.pk).update(opens_on=campaign.opens_on, closes_on=campaign.closes_on)
    return result


def dated_picks(cast, taken: list[Pick]) -> list[Pick]:
    """The registry-over-time cases of the demo (units.demo.dated), nominated in the officer's draft so that
    the campaign shows their explanations; each with a justification, as most are not eligible."""
    from units.demo import dated
    from units.models import Person, Unit

    seen = {(p.award, p.subject.pk, p.collective) for p in taken}
    picks = []
    for case in dated.cases():
        model = Unit if case.collective else Person
        subject = model.objects.filter(code=case.code).first()
        if subject is None or (case.award, subject.pk, case.collective) in seen:
            continue
        seen.add((case.award, subject.pk, case.collective))
        picks.append(Pick(case.award, subject, justify=True))
    return picks


def _plan(cast, picker) -> list[tuple[str, str, int, int | None, list[Pick]]]:
    """(unit suffix, final state, days ago filed, days ago submitted, picks) for the annual campaign."""
    picker.scan(cast.root, SCAN)
    snv = cast.unit("SNV")
    # The officer's draft: eligible nominees and one ineligible nominee with a justification.
    draft = fill_up(picker, snv, eligible_picks(picker, "SNV", SCAN, 2), 2)
    odd = picker.person(snv, "CSTDCS", ("ineligible",))
    draft += [Pick("CSTDCS", odd, justify=True)] if odd is not None else []
    draft += dated_picks(cast, draft)
    plan = [("SNV", "draft", 4, None, draft)]
    returned = fill_up(picker, cast.unit("PNT"), eligible_picks(picker, "PNT", SCAN, 2), 2)
    plan.append(("PNT", "returned", 17, 14, returned))
    orgs = picker.ranked_orgs(exclude={"SNV", "PNT"})[:len(STAGES)]
    orgs += [org for org in FALLBACK if org not in orgs][:len(STAGES) - len(orgs)]
    for org, (state, filed, submitted) in zip(orgs, STAGES, strict=False):
        unit = cast.unit(org)
        picks = fill_up(picker, unit, eligible_picks(picker, org, SCAN, 3), 2)
        if state == "under_review":
            odd = picker.person(unit, "CSTDCS", ("ineligible",))
            picks += [Pick("CSTDCS", odd, justify=True)] if odd is not None else []
        plan.append((org, state, filed, submitted, picks))
    return plan


def _file_and_submit(cast, campaign, suffix, picks, number, filed, submitted):
    with backdated(at(filed, 9, 30)):
        dossier = file_dossier(cast, campaign, suffix, picks, number, council_met_on=filed - datetime.timedelta(days=3))
    if dossier is not None and submitted is not None:
        with backdated(at(submitted, 15, 10)):
            services.submit(dossier, cast.officer(suffix), "Kính trình Ban Thi đua – Khen thưởng xem xét.")
    return dossier


def _annual(cast, campaign, today, result: CurrentResult) -> None:
    council = False
    for number, (suffix, state, filed_ago, submitted_ago, picks) in enumerate(_plan(cast, Picker(campaign)), 30):
        submitted = _ago(today, submitted_ago) if submitted_ago else None
        dossier = _file_and_submit(cast, campaign, suffix, picks, number, _ago(today, filed_ago), submitted)
        if dossier is None:
            continue
        if state in ("under_review", "returned", "in_council"):
            with backdated(at(weekday(submitted + datetime.timedelta(days=1)), 8, 45)):
                services.start_review(dossier, cast.reviewer)
        if state == "returned":
            comments = {n.pk: text for n, text in zip(nominees(dossier), RETURN_NOMINEE_COMMENTS, strict=False)}
            with backdated(at(weekday(submitted + datetime.timedelta(days=4)), 16)):
                services.return_for_revision(dossier, cast.reviewer, RETURN_COMMENT, comments)
        if state == "in_council":
            council = True
            with backdated(at(_ago(today, 8), 10)):
                services.forward_to_council(dossier, cast.reviewer, "Hồ sơ đầy đủ, đủ điều kiện trình Hội đồng.")
        dossier.refresh_from_db()
        result.states.setdefault(dossier.state, []).append(dossier.code)
    if council:
        _open_vote(cast, campaign, today, result)


def _open_vote(cast, campaign, today, result: CurrentResult) -> None:
    """The council's round is open until next week; three members have voted, two still have to. (For a demo
    seeded as of a past day that deadline has passed on the real clock, which refuses it as a new deadline
    and refuses ballots after it: the round is then opened without one and given it after the ballots.)"""
    closes = at(today + datetime.timedelta(days=7), 17)
    deadline_ahead = closes > timezone.now()
    with backdated(at(_ago(today, 3), 9)):
        session = services.open_vote(
            campaign, cast.reviewer, f"Phiên họp Hội đồng TĐKT tỉnh xét khen thưởng năm {campaign.year} (đợt 1)",
            closes_at=closes if deadline_ahead else None)
    with backdated(at(_ago(today, 1), 16)):
        for position, nominee in enumerate(session.nominees.order_by("pk")):
            for index, member in enumerate(cast.council[:3]):
                choice = "against" if index == 2 and position % 3 == 2 else "for"
                services.cast_vote(session, nominee, member, choice)
                result.ballots += 1
    if not deadline_ahead:
        VoteSession.objects.filter(pk=session.pk).update(closes_at=closes)


def _thematic(cast, campaign, today, result: CurrentResult) -> None:
    picker = Picker(campaign)
    for number, (suffix, (filed_ago, submitted_ago, state, wants)) in enumerate(THEMATIC.items(), start=70):
        submitted = _ago(today, submitted_ago)
        picks = resolve(picker, cast.unit(suffix), wants)
        dossier = _file_and_submit(cast, campaign, suffix, picks, number, _ago(today, filed_ago), submitted)
        if dossier is None:
            continue
        if state == "under_review":
            with backdated(at(weekday(submitted + datetime.timedelta(days=2)), 9)):
                services.start_review(dossier, cast.reviewer)
        dossier.refresh_from_db()
        result.states.setdefault(dossier.state, []).append(dossier.code)
        if dossier.is_overdue:
            result.overdue.append(dossier.code)
