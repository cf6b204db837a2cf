"""Factories for the nomination workflow."""

import datetime

import factory
from django.utils import timezone

from nominations import models as m
from nominations.enums import NomineeState, Verdict

from .factories import PersonFactory, UnitFactory


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Campaign
        skip_postgeneration_save = True

    kind = "annual"
    year = 2025
    title = factory.Sequence(lambda n: f"Thi đua năm 2025 đợt {n}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))

    @factory.post_generation
    def awards(self, create, extracted, **kwargs):
        codes = extracted if extracted is not None else [
            "LDTT", "CSTDCS", "BK_TINH", "CSTD_TINH", "TTLDTT", "TTLDXS", "GK"]
        self.award_types.add(*codes)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Dossier

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Tờ trình khen thưởng số {n}")


class NomineeFactory(factory.django.DjangoModelFactory):
    """A nominee written directly (no eligibility run): for lists and queues."""

    class Meta:
        model = m.Nominee

    dossier = factory.SubFactory(DossierFactory)
    campaign = factory.LazyAttribute(lambda o: o.dossier.campaign)
    person = factory.LazyAttribute(lambda o: PersonFactory(unit=o.dossier.unit))
    award_id = "LDTT"
    subject_name = factory.LazyAttribute(lambda o: o.person.full_name if o.person else o.unit.name)
    subject_code = factory.LazyAttribute(lambda o: o.person.code if o.person else o.unit.code)
    verdict = Verdict.ELIGIBLE
    state = NomineeState.PROPOSED


def complete_dossier(dossier, nominees=None):
    """Give a dossier what submit requires: the unit council's meeting and vote, and the documents its
    campaign kind lists (RequiredDocument), as attachment records (no file on disk)."""
    from nominations.models import RequiredDocument

    m.Dossier.objects.filter(pk=dossier.pk).update(
        council_met_on=dossier.council_met_on or timezone.localdate(), council_members=dossier.council_members or 5,
        council_votes_for=dossier.council_votes_for if dossier.council_votes_for is not None else 5,
        council_votes_against=dossier.council_votes_against if dossier.council_votes_against is not None else 0)
    dossier.refresh_from_db()
    nominees = list(nominees if nominees is not None else dossier.nominees.all())
    for required in RequiredDocument.objects.filter(campaign_kind=dossier.campaign.kind):
        for nominee in nominees if required.per_nominee else [None]:
            m.Attachment.objects.get_or_create(
                dossier=dossier, nominee=nominee, kind=required.kind,
                defaults={"file": f"nominations/test/{required.kind}.pdf", "original_name": f"{required.kind}.pdf",
                          "content_type": "application/pdf", "size": 100})
    return dossier
