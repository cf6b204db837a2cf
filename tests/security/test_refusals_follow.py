"""A refused nominee cannot be re-filed as new (issue 10, item 6): the refusal stays on the record (the
refused nominee cannot be removed or edited), and a new proposal of the same subject for the same award in
the same campaign shows the earlier refusal and its reason to the Board, on the dossier and in the queue."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from nominations import services
from nominations.enums import DossierState, NomineeState
from nominations.models import Nominee
from units.enums import RatingLevel

from ..factories import PersonFactory, PersonRatingFactory, UnitFactory
from ..factories_nominations import CampaignFactory, complete_dossier

REASON = "Hồ sơ kê khai thành tích không trung thực"


@pytest.fixture
def returned(province, make_user):
    """A returned dossier: one nominee refused by the Board with a reason, one sent back for revision."""
    unit = UnitFactory(parent=province)
    officer = make_user(Role.UNIT_OFFICER, unit=unit)
    reviewer = make_user(Role.REVIEWER)
    campaign = CampaignFactory()
    dossier = services.create_dossier(campaign, unit, officer, title="Tờ trình")
    people = [PersonFactory(unit=unit) for _i in range(2)]
    for person in people:
        PersonRatingFactory(person=person, year=2025, rating=RatingLevel.GOOD)
    ldtt = campaign.award_types.get(pk="LDTT")
    refused, kept = (services.add_nominee(dossier, officer, award=ldtt, person=p) for p in people)
    complete_dossier(dossier)
    services.submit(dossier, officer)
    services.reject_nominee(refused, reviewer, REASON)
    services.return_for_revision(dossier, reviewer, "Bổ sung minh chứng")
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RETURNED
    return dossier, officer, reviewer, Nominee.objects.get(pk=refused.pk), kept


def test_a_refused_nominee_cannot_be_removed_or_edited(returned, client):
    dossier, officer, _reviewer, refused, _kept = returned
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_delete", args=[refused.pk]), follow=True)
    assert response.status_code == 200
    assert Nominee.objects.filter(pk=refused.pk, state=NomineeState.REJECTED, refusal_reason=REASON).exists()
    assert "lưu lại trong hồ sơ" in response.content.decode()
    client.post(reverse("nominations:nominee_edit", args=[refused.pk]), {"achievement": "Sửa lại", "justification": ""})
    refused.refresh_from_db()
    assert refused.achievement == ""
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert reverse("nominations:nominee_delete", args=[refused.pk]) not in page


def test_a_new_proposal_of_a_refused_subject_shows_the_refusal_to_the_board(returned, client):
    dossier, officer, reviewer, refused, kept = returned
    client.force_login(officer)
    response = client.post(reverse("nominations:nominee_add", args=[dossier.pk]),
                           {"person": refused.person_id, "award": "LDTT", "achievement": "Nộp lại"})
    assert response.status_code == 302
    again = Nominee.objects.get(person=refused.person, state=NomineeState.PROPOSED)
    assert again.pk != refused.pk and Nominee.objects.filter(pk=refused.pk).exists()
    client.post(reverse("nominations:dossier_submit", args=[dossier.pk]))

    client.force_login(reviewer)
    page = client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).content.decode()
    assert page.count("earlier-refusal") == 1  # on the new proposal only, not on the unrelated one
    assert "Đã bị từ chối trong đợt này" in page and REASON in page

    queue = client.get(reverse("nominations:queue"))
    rows = {n.pk: n for n in queue.context["table"].page.object_list.data}
    assert rows[again.pk].refused_before and rows[again.pk].earlier_refusal_reason == REASON
    assert not rows[kept.pk].refused_before
    body = queue.content.decode()
    assert body.count("đã bị từ chối") == 1 and REASON in body


def test_the_same_subject_stays_a_duplicate_while_its_proposal_is_open(returned):
    dossier, officer, _reviewer, refused, kept = returned
    services.add_nominee(dossier, officer, award=refused.award, person=refused.person)
    with pytest.raises(services.DuplicateNominee):
        services.add_nominee(dossier, officer, award=refused.award, person=refused.person)
    with pytest.raises(services.DuplicateNominee):
        services.add_nominee(dossier, officer, award=kept.award, person=kept.person)
