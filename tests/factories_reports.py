"""A hand-made registry for the reports, dashboard, public registry and API tests. Every number the tests
expect can be counted by hand from `build_registry`."""

import datetime

import factory

from nominations import models as nm
from units.enums import Gender, StaffKind, UnitKind
from units.models import Honour

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = nm.Decision

    campaign = factory.SubFactory(CampaignFactory)
    issuer = "UBND"
    year = 2024
    sequence = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"{o.sequence}/QĐ-{o.issuer}")
    decided_on = datetime.date(2024, 12, 20)
    signer_name = "Trần Văn Ký"
    signer_title = "CHỦ TỊCH"
    base_salary = 2340000


def decision_line(decision, person, award, amount, multiple="0.30"):
    dossier = DossierFactory(campaign=decision.campaign, unit=person.unit)
    nominee = NomineeFactory(dossier=dossier, person=person, award_id=award, state="awarded")
    return nm.DecisionLine.objects.create(
        decision=decision, nominee=nominee, award_id=award, subject_name=person.full_name,
        unit_name=person.unit.name, multiple=multiple, amount=amount,
    )


def build_registry(province):
    """Units A (agency) ⊃ A1 (public service), B (agency), C (commune); four people; seven honours;
    two decisions (2024 published, 2025 not) with three cash lines."""
    a = UnitFactory(code="A", name="Sở Tài chính", parent=province, kind=UnitKind.AGENCY)
    a1 = UnitFactory(code="A1", name="Trung tâm Dịch vụ tài chính", parent=a, kind=UnitKind.PUBLIC_SERVICE)
    b = UnitFactory(code="B", name="Sở Y tế", parent=province, kind=UnitKind.AGENCY)
    c = UnitFactory(code="C", name="Xã Ninh Hòa", parent=province, kind=UnitKind.COMMUNE)
    p1 = PersonFactory(code="P1", full_name="Lê Thị Hồng", gender=Gender.FEMALE, unit=a,
                       staff_kind=StaffKind.CIVIL_SERVANT, birth_date=datetime.date(1979, 3, 14))
    p2 = PersonFactory(code="P2", full_name="Phạm Văn Đức", gender=Gender.MALE, unit=a1,
                       staff_kind=StaffKind.PUBLIC_EMPLOYEE)
    p3 = PersonFactory(code="P3", full_name="Võ Thị Lan", gender=Gender.FEMALE, unit=b,
                       staff_kind=StaffKind.WORKER)
    p4 = PersonFactory(code="P4", full_name="Đặng Quốc Bảo", gender=Gender.MALE, unit=c,
                       staff_kind=StaffKind.CIVIL_SERVANT)
    imported, decided = Honour.Source.IMPORTED, Honour.Source.DECISION
    for year, subject, award, source in [
        (2023, p1, "LDTT", imported), (2023, p2, "LDTT", imported), (2023, a, "TTLDTT", imported),
        (2024, p1, "CSTDCS", decided), (2024, p3, "LDTT", decided), (2024, p4, "GK", imported),
        (2024, b, "BK_TINH", decided),
    ]:
        is_person = hasattr(subject, "full_name")
        Honour.objects.create(year=year, award_id=award, source=source,
                              person=subject if is_person else None, unit=None if is_person else subject,
                              decision_number="1/QĐ-UBND" if source == decided else "")
    campaign = CampaignFactory(year=2024, title="Thi đua năm 2024")
    d1 = DecisionFactory(campaign=campaign, year=2024, sequence=1, decided_on=datetime.date(2024, 12, 20),
                         published_at=datetime.datetime(2024, 12, 21, 8, tzinfo=datetime.UTC))
    d2 = DecisionFactory(campaign=campaign, year=2025, sequence=5, decided_on=datetime.date(2025, 1, 15))
    decision_line(d1, p1, "CSTDCS", 2340000, "1.00")
    decision_line(d1, p3, "LDTT", 702000)
    decision_line(d2, p4, "BK_TINH", 4680000, "2.00")
    return {"a": a, "a1": a1, "b": b, "c": c, "p1": p1, "p2": p2, "p3": p3, "p4": p4, "d1": d1, "d2": d2,
            "campaign": campaign}
