"""The campaigns open now: the annual campaign of the open round's year (units.demo.rounds), with dossiers
at every stage of the workflow, and a thematic movement with an overdue dossier."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from awards.enums import CampaignKind

from .. import services
from ..enums import CommentState
from ..models import Campaign, Dossier, VoteSession
from ..services.posting import add_public_comment, answer_public_comment, posted_nominees, sender_hash
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
# (state, days ago filed, days ago submitted). The officer's and officer2's units are fixed. "posted" is in
# council and publicly posted now (POSTING), so not yet in the council's vote (that comes after the posting).
STAGES = [("in_council", 20, 18), ("in_council", 19, 17), ("posted", 18, 16), ("under_review", 12, 8),
          ("submitted", 8, 3), ("submitted", 6, 1)]
POSTING = (3, 7)  # the posted dossier's window: from 3 days before the day seen on to 7 days after
# Comments the public sent on the posted nominees: (nominee's position, days ago, hour, minute, text, contact).
PUBLIC_COMMENTS = [
    (0, 3, 19, 40, "Tôi là đồng nghiệp cùng đơn vị, xin xác nhận đồng chí có nhiều đóng góp trong việc cải cách "
                   "thủ tục hành chính năm qua. Đề nghị Hội đồng ghi nhận.", "Trần Thị Mai, 0912 345 678"),
    (1, 2, 8, 15, "Đề nghị làm rõ sáng kiến nêu trong báo cáo thành tích đã được Hội đồng sáng kiến cấp nào công "
                  "nhận và áp dụng ở đâu.", ""),
    (0, 2, 21, 5, "Gia đình tôi được đồng chí hướng dẫn tận tình khi làm hồ sơ, xin gửi lời cảm ơn.", ""),
    (1, 1, 11, 30, "Tập thể đơn vị đồng thuận với đề nghị khen thưởng này.", "Nguyễn Văn Hùng, tổ dân phố 5"),
]
ANSWERED = 1  # the comment the reviewer answers, the day after it came
ANSWER = ("Cảm ơn ông/bà đã góp ý. Sáng kiến đã được Hội đồng sáng kiến cấp cơ sở công nhận và áp dụng tại đơn "
          "vị; Ban Thi đua – Khen thưởng sẽ trình kèm quyết định công nhận khi Hội đồng xét.")
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
    posted: dict = field(default_factory=dict)  # dossier -> its posting window
    comments: int = 0  # public comments on the posted nominees


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
        if state in ("under_review", "returned", "in_council", "posted"):
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
        if state == "posted":
            _post(cast, dossier, today, result)
        dossier.refresh_from_db()
        result.states.setdefault(dossier.state, []).append(dossier.code)
    if council:
        _open_vote(cast, campaign, today, result)
    # The posting window spans the real today while the stories run (comments are taken, and the vote is
    # not opened on the posted nominees, on the real clock); it is set right at the end, as the campaigns'.
    for dossier, (posting_from, posting_until) in result.posted.items():
        Dossier.objects.filter(pk=dossier.pk).update(posting_from=posting_from, posting_until=posting_until)


def _post(cast, dossier, today, result: CurrentResult) -> None:
    """Forward the dossier to the council posted publicly around `today`, with comments from the public, one
    of them answered by the reviewer."""
    window = (today - datetime.timedelta(days=POSTING[0]), today + datetime.timedelta(days=POSTING[1]))
    real = timezone.localdate()
    with backdated(at(_ago(today, 5), 10)):
        services.forward_to_council(dossier, cast.reviewer, "Hồ sơ đầy đủ; niêm yết công khai lấy ý kiến trước khi "
                                    "trình Hội đồng.", posting_from=min(window[0], real),
                                    posting_until=max(window[1], real))
    result.posted[dossier] = window
    posted = list(posted_nominees().filter(dossier=dossier).order_by("pk"))
    for number, (position, days_ago, hour, minute, text, contact) in enumerate(PUBLIC_COMMENTS):
        sent = at(today - datetime.timedelta(days=days_ago), hour, minute)
        with backdated(sent):
            comment = add_public_comment(posted[position % len(posted)].pk, text, contact,
                                         sender_hash(f"203.0.113.{number + 10}"))
        if number == ANSWERED:
            with backdated(at(today - datetime.timedelta(days=days_ago - 1), 9, 20)):
                answer_public_comment(comment, cast.reviewer, CommentState.ANSWERED, ANSWER)
        result.comments += 1


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
