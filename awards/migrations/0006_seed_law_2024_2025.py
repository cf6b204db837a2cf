"""The law as it stands (issue 11): awards as data (heading, form, rank, dated issuing powers), the dated
base salary, the corrected 2024-01-01 rule set and the 2025-07-01 rule set (Decree 152/2025, two-tier local
government), each criterion, vote rule, quota and cash multiple with its legal basis and whether it is the
law's or the province's own choice. Where sources disagree the reading of the domain notes is seeded and the
rule's note says so; every value stays editable in the admin."""

import datetime
from decimal import Decimal

from django.db import migrations

LAW = "Luật 06/2022/QH15"
D98 = "Nghị định 98/2023/NĐ-CP"
D152 = "Nghị định 152/2025/NĐ-CP"
PROVINCE = "Quy chế TĐKT của tỉnh"

# code: (heading, form, certificate kind, rank, campaign kinds)  — ranks low to high per the domain notes
AWARDS = {
    # LDTT keeps no printed certificate by default (listed in the decision); set its kind to print one.
    "LDTT": ("GIẤY CHỨNG NHẬN", "emulation_title", "none", 10, ["annual"]),
    "GK": ("GIẤY KHEN", "commendation", "giay_khen", 20, ["annual", "thematic", "adhoc"]),
    "CSTDCS": ("GIẤY CHỨNG NHẬN", "emulation_title", "chung_nhan", 30, ["annual"]),
    "TTLDTT": ("GIẤY CHỨNG NHẬN", "emulation_title", "chung_nhan", 40, ["annual"]),
    "BK_TINH": ("BẰNG KHEN", "commendation", "bang_khen", 50, ["annual", "thematic", "adhoc", "long_service"]),
    "TTLDXS": ("BẰNG CHỨNG NHẬN", "emulation_title", "chung_nhan", 60, ["annual"]),
    "CSTD_TINH": ("BẰNG CHỨNG NHẬN", "emulation_title", "chung_nhan", 70, ["annual"]),
    "CO_TINH": ("CỜ THI ĐUA", "emulation_title", "flag", 80, ["annual", "thematic"]),
}
D2024, D2025 = datetime.date(2024, 1, 1), datetime.date(2025, 7, 1)
UNTIL_2025 = datetime.date(2025, 6, 30)
# award, issuer, from, until, basis
POWERS = [
    *[(code, "provincial_chair", D2024, None, LAW) for code in ("BK_TINH", "CSTD_TINH", "TTLDXS", "CO_TINH")],
    *[(code, "department_head", D2024, None, LAW) for code in ("LDTT", "CSTDCS", "TTLDTT", "GK")],
    ("LDTT", "commune_chair", D2024, None, LAW),
    ("GK", "commune_chair", D2024, None, LAW),
    ("CSTDCS", "commune_chair", D2025, None, f"{D152} (chính quyền địa phương hai cấp)"),
    ("TTLDTT", "commune_chair", D2025, None, f"{D152} (chính quyền địa phương hai cấp)"),
]
BASE_SALARIES = [
    (datetime.date(2023, 7, 1), Decimal("1800000"), "Nghị định 24/2023/NĐ-CP, Điều 3 khoản 2"),
    (datetime.date(2024, 7, 1), Decimal("2340000"), "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2"),
]


def basis(document, article="", clause="", source="law"):
    return {"document": document, "article": article, "clause": clause, "source": source}


def c(code, kind, params, basis_, applies_to="both", optional=False, enabled=True, when_failed="ineligible",
      note=""):
    return {"code": code, "kind": kind, "params": params, "applies_to": applies_to, "optional": optional,
            "enabled": enabled, "when_failed": when_failed, "note": note, **basis_}


def rule_sets(decree):
    """The rules of both rule sets; they differ in the implementing decree cited."""
    head_gate = c("head_par", "head_par_gate", {"min_class": "fair", "not_last": True, "unscored": "parent"},
                  basis(PROVINCE, source="province"), "person",
                  note="[default] The head of a unit classed average or weak, or last in its group, gets no "
                       "individual title above LDTT.")
    par_good = c("par_class", "par_class_at_least", {"min_class": "good", "not_last": False, "unscored": "parent"},
                 basis(PROVINCE, source="province"), "collective",
                 note="[default] Collective titles need the unit's PAR class good or better.")
    vote_default = basis(PROVINCE, source="province")
    return [
        # award, kinds, vote, vote basis, cash basis, criteria, notes
        ("LDTT", ["annual"], "", vote_default, basis(decree), [
            c("rating", "rating_at_least", {"level": "good", "years": 1}, basis(LAW, "24", "1")),
            c("no_discipline", "no_discipline", {"min_level": "reprimand", "years": 1}, basis(LAW, "24", "1"),
              note="Any discipline from reprimand upward makes the year's rating 'not completed'."),
        ], ""),
        ("CSTDCS", ["annual"], "4/5", vote_default, basis(decree), [
            c("ldtt", "held_award", {"award": "LDTT", "years": 1, "accept_eligible": True}, basis(LAW, "23", "3")),
            c("initiative", "initiatives", {"min_count": 1, "min_scope": "grassroots", "window_years": 1,
                                            "or_rated": "none"}, basis(LAW, "23", "3"),
              note="An accepted and applied research result counts as a recognised initiative (record it as one). "
                   "[to confirm] Some secondary sources read 'rated excellent' alone as enough: switch or_rated "
                   "to 'excellent' to follow them; off by default (domain notes)."),
            head_gate,
            c("quota", "quota_share", {"of_award": "LDTT", "percent": "15", "rounding": "floor", "minimum": 0},
              basis(PROVINCE, source="province"), enabled=False,
              note="Off by default: the national 15% cap (Decree 91/2017) was not carried into the 2022 Law; a "
                   "province may set its own quota and switch this on."),
        ], "[default] Council vote ≥ 80% (the province's choice)."),
        ("CSTD_TINH", ["annual"], "9/10", vote_default, basis(decree), [
            c("cstdcs", "held_award", {"award": "CSTDCS", "years": 3, "accept_eligible": True},
              basis(LAW, "23", "2")),
            c("initiative", "initiatives", {"min_count": 1, "min_scope": "provincial", "window_years": 3,
                                            "or_rated": "none"}, basis(LAW, "23", "2"),
              note="[default] The provincial-scope initiative may fall in any of the 3 years."),
            head_gate,
        ], "[default] Council vote ≥ 90% (the province's choice)."),
        ("BK_TINH", ["annual"], "4/5", vote_default, basis(decree), [
            c("rating", "rating_at_least", {"level": "excellent", "years": 2}, basis(LAW, "74", "1"),
              when_failed="review",
              note="The computable path; when it fails, the other paths (an outstanding achievement in a movement, "
                   "several achievements of provincial influence) remain for the reviewers."),
            c("initiatives", "initiatives", {"min_count": 2, "min_scope": "grassroots", "window_years": 2,
                                             "or_rated": "none"}, basis(LAW, "74", "1"), "person",
              when_failed="review"),
            head_gate,
            par_good,
            c("other_paths", "reviewer_judgement", {"topic": "other_paths"}, basis(LAW, "74", "1"), optional=True),
            c("unity", "reviewer_judgement", {"topic": "unity_democracy"}, basis(LAW, "74", "2"), "collective",
              optional=True),
        ], "[default] Council vote ≥ 80% (the province's choice)."),
        ("BK_TINH", ["thematic", "adhoc", "long_service"], "4/5", vote_default, basis(decree), [
            c("achievement", "reviewer_judgement", {"topic": "outstanding_achievement"}, basis(LAW, "74", "1")),
            head_gate,
        ], ""),
        ("GK", ["annual"], "", vote_default, basis(decree, source="province"), [
            c("rating", "rating_at_least", {"level": "excellent", "years": 1}, basis(LAW, "75"),
              when_failed="review",
              note="[default] Criteria are set by the province (Art. 75): usually rated excellent, or a notable or "
                   "sudden achievement the reviewers judge."),
            c("not_ldtt", "not_held_award", {"award": "LDTT"}, basis(LAW, "5"), "person",
              note="One achievement earns one form: GK does not repeat an LDTT already given for the year."),
            head_gate,
        ], ""),
        ("GK", ["thematic", "adhoc"], "", vote_default, basis(decree, source="province"), [
            c("achievement", "reviewer_judgement", {"topic": "notable_achievement"}, basis(LAW, "75")),
            head_gate,
        ], ""),
        ("TTLDTT", ["annual"], "", vote_default, basis(decree), [
            c("rating", "rating_at_least", {"level": "good", "years": 1}, basis(LAW, "28")),
            c("members_ldtt", "members_award_share",
              {"award": "LDTT", "min_percent": "50", "strict": True, "accept_eligible": True}, basis(LAW, "28")),
            c("members_discipline", "members_no_discipline", {"min_level": "warning", "years": 1},
              basis(PROVINCE, source="province"),
              note="[default] Kept from the earlier rules; switch off if the province does not keep it."),
        ], ""),
        ("TTLDXS", ["annual"], "", vote_default, basis(decree), [
            c("rating", "rating_at_least", {"level": "excellent", "years": 1}, basis(LAW, "27", "1")),
            c("members_completed", "members_rating_share", {"level": "completed", "min_percent": "100",
                                                            "strict": False}, basis(LAW, "27", "1")),
            c("members_ldtt", "members_award_share",
              {"award": "LDTT", "min_percent": "70", "strict": False, "accept_eligible": True}, basis(LAW, "27", "1")),
            c("members_cstdcs", "members_with_award", {"award": "CSTDCS", "min_count": 1, "accept_eligible": True},
              basis(LAW, "27", "1")),
            c("unity", "reviewer_judgement", {"topic": "unity_democracy"}, basis(LAW, "27", "1"), optional=True),
            par_good,
        ], "Art. 27 has no member-discipline clause; older texts (Decree 91/2017, some ministry circulars) had "
           "'no member disciplined at warning or above', which the earlier rules carried over and which is removed."),
        ("CO_TINH", ["annual"], "4/5", vote_default, basis(decree, source="province"), [
            c("cluster_leader", "cluster_leader", {"method": "cluster_score", "leaders": 1}, basis(LAW, "26", "1"),
              note="The leading unit(s) of the cluster by the cluster's own yearly scoring, not the PAR Index."),
            c("ttldxs", "held_award", {"award": "TTLDXS", "years": 1, "accept_eligible": True},
              basis(PROVINCE, source="province"), note="[default] Provincial practice."),
            par_good,
            c("quota", "quota_count", {"max_count": 1, "per": "cluster"}, basis(PROVINCE, source="province")),
        ], "[default] One per cluster, council vote ≥ 80%."),
        ("CO_TINH", ["thematic"], "4/5", vote_default, basis(decree, source="province"), [
            c("movement_leader", "reviewer_judgement", {"topic": "movement_leader"}, basis(LAW, "26", "2"),
              note="Leading a movement of at least three years; judged by the reviewers."),
        ], ""),
    ]


NOTES_2024 = f"""The 2022 Law on Emulation and Commendation ({LAW}, in force 2024-01-01) with {D98} (until 2025-06-30).
Corrected in December 2026 (domain notes, "Corrections"): TTLDXS has no member-discipline clause (Art. 27); the
CSTDCS 15% quota is off (not in the 2022 Law) and CSTDCS has a council vote; BK_TINH's other paths are for the
reviewers (needs review); GK needs an excellent rating or a notable achievement and does not repeat LDTT; the flag
goes to the cluster's leading unit(s) by the cluster's own scoring. Each criterion carries its legal basis; values
marked [default] are the province's choice. Article numbers of the Law for LDTT (24), TTLDTT (28) and BK_TINH (74)
were not verified against the published text; check them."""

NOTES_2025 = f"""{D152} (replacing {D98} and 28/2024) from 2025-07-01, with the two-tier local government: the
district tier is abolished; commune chairs also award CSTDCS and TTLDTT. Only annual titles build consecutive-year
chains and achievements count from the end of a discipline term (Decree 152/2025, Art. 4). Otherwise the same
corrected rules as the 2024 set; values marked [default] are the province's choice."""

CASH = {  # award: (person, collective, source)
    "CSTD_TINH": ("3.0", None, "law"), "CSTDCS": ("1.0", None, "law"), "LDTT": ("0.3", None, "law"),
    "TTLDXS": (None, "1.5", "law"), "TTLDTT": (None, "0.8", "law"), "CO_TINH": (None, "8.0", "province"),
    "BK_TINH": ("1.0", "2.0", "province"), "GK": ("0.3", "0.6", "province"),
}


def build(apps, rule_set, decree):
    AwardRule = apps.get_model("awards", "AwardRule")
    Criterion = apps.get_model("awards", "Criterion")
    rule_set.rules.all().delete()
    for award, kinds, vote, vote_basis, cash_basis, criteria, notes in rule_sets(decree):
        person, collective, cash_source = CASH[award]
        rule = AwardRule.objects.create(
            rule_set=rule_set, award_id=award, campaign_kinds=kinds, vote_threshold=vote, quorum="2/3", notes=notes,
            cash_multiple_person=Decimal(person) if person else None,
            cash_multiple_collective=Decimal(collective) if collective else None,
            **{f"vote_{k}": v for k, v in vote_basis.items()},
            **{f"cash_{k}": v for k, v in {**cash_basis, "source": cash_source}.items()},
        )
        Criterion.objects.bulk_create(Criterion(rule=rule, position=i, **row) for i, row in enumerate(criteria, 1))


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    IssuingPower = apps.get_model("awards", "IssuingPower")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    RuleSet = apps.get_model("awards", "RuleSet")
    for code, (heading, form, kind, rank, kinds) in AWARDS.items():
        AwardType.objects.filter(code=code).update(certificate_heading=heading, form=form, certificate_kind=kind,
                                                   rank=rank, campaign_kinds=kinds)
    known = set(AwardType.objects.values_list("code", flat=True))
    for award, issuer, start, until, text in POWERS:
        if award in known:
            IssuingPower.objects.get_or_create(award_id=award, issuer=issuer, valid_from=start,
                                               defaults={"valid_until": until, "basis": text})
    for start, amount, text in BASE_SALARIES:
        BaseSalary.objects.get_or_create(effective_from=start, defaults={"amount": amount, "basis": text})
    if known < set(AWARDS):
        return  # a catalogue without the eight awards (edited by hand): leave its rule sets alone
    old = RuleSet.objects.filter(effective_from=D2024).first()
    if old is None:
        old = RuleSet.objects.create(name="Luật Thi đua, Khen thưởng 2022 – mặc định", effective_from=D2024)
    old.notes = NOTES_2024
    old.save(update_fields=["notes"])
    build(apps, old, D98)
    new, created = RuleSet.objects.get_or_create(
        effective_from=D2025, defaults={"name": "Nghị định 152/2025 – chính quyền địa phương hai cấp",
                                        "notes": NOTES_2025, "cloned_from": old})
    if created:
        build(apps, new, D152)


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_legal_basis_issuing_powers_base_salary")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
