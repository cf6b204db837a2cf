"""The dossier's explanation of each nominee names the legal basis of every criterion (issue 11): the stored
verdict keeps each criterion's basis as one line, shown beside its reason."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from nominations import services

from .factories import PersonFactory, UnitFactory
from .factories_awards import rate
from .factories_nominations import CampaignFactory

pytestmark = pytest.mark.django_db


def test_the_dossier_page_shows_each_criterion_with_its_legal_basis(client, make_user):
    unit = UnitFactory(code="SNV", kind="agency")
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    person = PersonFactory(unit=unit)
    rate(person, 2025, "good")
    campaign = CampaignFactory(year=2025)
    dossier = services.create_dossier(campaign, unit, officer, title="Tờ trình")
    nominee = services.add_nominee(dossier, officer, award=campaign.award_types.get(pk="LDTT"), person=person)
    assert all(c.get("basis_text") for c in nominee.criteria), nominee.criteria
    client.force_login(officer)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Căn cứ: " in page
    assert "06/2022/QH15" in page  # the Law on Emulation and Commendation, cited by the LDTT criteria
