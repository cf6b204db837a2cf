"""The finished campaign of the year before the open round's: filed, appraised, voted, decided, published,
with certificates issued — every step through nominations.services, placed in the first quarter after its
year."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from awards.enums import CampaignKind
from certificates.models import Certificate

from .. import services
from ..enums import DossierState, NomineeState
from ..models import Campaign, Nominee
from .clock import at, backdated
from .story import Pick, awards_for, eligible_picks, file_dossier, fill_up, make_campaign, nominees, weekday
from .subjects import Picker

PROVINCIAL = {"BK_TINH", "CSTD_TINH", "TTLDXS", "CO_TINH"}  # decided by the provincial chair
SCAN = [("CSTD_TINH", False), ("BK_TINH", False), ("TTLDXS", True), ("BK_TINH", True)]
DOSSIERS, PER_DOSSIER, AT_LEAST = 5, 3, 3
FALLBACK = ["SYT", "SGDDT", "SNNMT", "XDK", "YS"]
REFUSAL_AT_REVIEW = ("Không đủ tiêu chuẩn Chiến sĩ thi đua cơ sở: chưa có sáng kiến được công nhận hoặc đề tài khoa "
                     "học được nghiệm thu, áp dụng trong năm.")
REFUSAL_AFTER_VOTE = "Không đạt tỷ lệ phiếu đồng ý tối thiểu của Hội đồng Thi đua – Khen thưởng tỉnh."


def title(year: int) -> str:
    return f"Bình xét thi đua, khen thưởng năm {year}"


@dataclass
class PastResult:
    campaign: Campaign
    decisions: list = field(default_factory=list)
    refused: int = 0
    certificates: int = 0


def _timeline(year: int) -> dict[str, datetime.date]:
    """The round of `year` runs from January to March of the next year (units.demo.rounds: the open round is
    a year later, so all of this lies before the day the demo is seeded as of)."""
    base = datetime.date(year + 1, 1, 12)
    day = lambda offset: weekday(base + datetime.timedelta(days=offset))  # noqa: E731
    return {"opens": base - datetime.timedelta(days=7), "closes": base + datetime.timedelta(days=33),
            "file": day(0), "submit": day(22), "review": day(43), "vote": day(57), "approve": day(58),
            "decide": day(67), "publish": day(68)}


def _plan(cast, picker) -> list[tuple[str, list[Pick]]]:
    """The units with the most eligible subjects for provincial awards file; the first also proposes two
    Giấy khen (its director's decision), the second one ineligible nominee with a justification."""
    picker.scan(cast.root, SCAN)
    orgs = picker.ranked_orgs()[:DOSSIERS]
    orgs += [org for org in FALLBACK if org not in orgs][:max(0, AT_LEAST - len(orgs))]
    plan = []
    for index, org in enumerate(orgs):
        unit = cast.unit(org)
        picks = eligible_picks(picker, org, SCAN, PER_DOSSIER)
        if index == 0 or not picks:
            picks = fill_up(picker, unit, picks, len(picks) + (2 if index == 0 else 1))
        if index == 1:
            odd = picker.person(unit, "CSTDCS", ("ineligible",))
            if odd is not None:
                picks.append(Pick("CSTDCS", odd, justify=True))
        plan.append((org, picks))
    return plan


def real_clock_refusal(year: int) -> str | None:
    """The services refuse a decision dated after the real today: a demo seeded as of a day far ahead of the
    real clock cannot have finished the round of `year` yet."""
    days, real = _timeline(year), timezone.localdate()
    if days["publish"] < real:
        return None
    return (f"The round of {year} would be decided on {days['decide']:%d/%m/%Y}, after the real today "
            f"({real:%d/%m/%Y}), and a decision cannot be dated in the future: seed the demo as of an earlier day.")


def build(cast, year: int, today: datetime.date) -> PastResult:
    days = _timeline(year)
    real = timezone.localdate()
    # The services accept a submission only inside the window (by the real clock), so the campaign is opened
    # for today (the story's and the real one) while the story runs and given its real (long closed) window at
    # the end, as an administrator would.
    campaign = make_campaign(kind=CampaignKind.ANNUAL, year=year, title=title(year), opens_on=min(today, real),
                             closes_on=max(today, real), awards=awards_for(CampaignKind.ANNUAL))
    result = PastResult(campaign)
    dossiers = []
    for index, (suffix, picks) in enumerate(_plan(cast, Picker(campaign))):
        filed_on = days["file"] + datetime.timedelta(days=index % 3)
        with backdated(at(filed_on, 8 + index)):
            dossier = file_dossier(cast, campaign, suffix, picks, 10 + index,
                                   council_met_on=filed_on - datetime.timedelta(days=5))
        if dossier is None:
            continue
        with backdated(at(days["submit"], 9 + index)):
            services.submit(dossier, cast.officer(suffix), "Kính trình Hội đồng xem xét.")
        dossiers.append(dossier)
    with backdated(at(days["review"], 8)):
        for dossier in dossiers:
            services.start_review(dossier, cast.reviewer)
            for nominee in nominees(dossier):
                if nominee.flagged:
                    services.reject_nominee(nominee, cast.reviewer, REFUSAL_AT_REVIEW)
                    result.refused += 1
            dossier.refresh_from_db()
            if dossier.state != DossierState.DECIDED:
                services.forward_to_council(dossier, cast.reviewer, "Đủ điều kiện trình Hội đồng.")
    _vote(cast, campaign, year, days, result)
    with backdated(at(days["decide"], 15)):
        _decide(cast, campaign, days["decide"], result)
    with backdated(at(days["publish"], 9)):
        for decision in result.decisions:
            services.publish(decision, cast.chair)
    Campaign.objects.filter(pk=campaign.pk).update(opens_on=days["opens"], closes_on=days["closes"],
                                                   created_at=at(days["opens"] - datetime.timedelta(days=14)))
    campaign.refresh_from_db()
    return result


def _vote(cast, campaign, year, days, result: PastResult) -> None:
    """All five members vote; the last provincial nominee (if there are two or more) falls short and is
    refused by the chair with the reason."""
    with backdated(at(days["vote"], 14)):
        session = services.open_vote(campaign, cast.reviewer,
                                     f"Phiên họp Hội đồng TĐKT tỉnh xét khen thưởng năm {year}")
        voted = list(session.nominees.order_by("pk"))
        provincial = [n for n in voted if n.award_id in PROVINCIAL]
        short = provincial[-1].pk if len(provincial) >= 2 else None
        for nominee in voted:
            for index, member in enumerate(cast.council):
                choice = "for"
                if nominee.pk == short:
                    choice = ["for", "for", "against", "against", "abstain"][index % 5]
                services.cast_vote(session, nominee, member, choice)
        services.close_vote(session, cast.chair)
    with backdated(at(days["approve"], 10)):
        for nominee in session.nominees.select_related("award").order_by("pk"):
            if nominee.vote_passed:
                services.approve_nominee(nominee, cast.chair)
            else:
                services.reject_nominee(nominee, cast.chair, REFUSAL_AFTER_VOTE)
                result.refused += 1


def _decide(cast, campaign, decided_on, result: PastResult) -> None:
    """One decision of the chair for the provincial awards; the Giấy khen of an organisation are decided by
    its head (entered in Laurel by the chair's office), so they get the organisation's own decision."""
    approved = list(Nominee.objects.filter(campaign=campaign, state=NomineeState.APPROVED)
                    .select_related("award", "dossier__unit__head").order_by("pk"))
    provincial = [n for n in approved if n.award_id in PROVINCIAL]
    if provincial:
        result.decisions.append(services.decide(campaign, cast.chair, provincial, decided_on=decided_on,
                                                signer_name=cast.chair.full_name, signer_title="CHỦ TỊCH"))
    by_org: dict = {}
    for nominee in approved:
        if nominee.award_id not in PROVINCIAL:
            by_org.setdefault(nominee.dossier.unit, []).append(nominee)
    for org, group in by_org.items():
        position = (org.head.position if org.head_id else "") or "Thủ trưởng"
        result.decisions.append(services.decide(
            campaign, cast.chair, group, decided_on=decided_on,
            signer_name=org.head.full_name if org.head_id else "", signer_title=position.upper(),
            issuer=org.code.split("-", 1)[1], issuer_line=f"{position} {org.name}".upper(),
        ))
    numbers = [d.number for d in result.decisions]
    result.certificates = Certificate.objects.filter(decision_number__in=numbers).count()
