"""Factories for the certificate tests: decided honours and their issued certificates."""

import datetime

import factory

from certificates.services import issue_certificates
from units import models as m

from .factories import PersonFactory, UnitFactory

ISSUER = {
    "issuer_code": "UBND-TINH",
    "issuer_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
    "signer_name": "Nguyễn Văn Thắng",
    "place": "Khánh Hòa",
}


class DecidedHonourFactory(factory.django.DjangoModelFactory):
    """An honour entered by a decision (what the workflow produces), for a person."""

    class Meta:
        model = m.Honour

    year = 2024
    person = factory.SubFactory(PersonFactory)
    unit = None
    award_id = "BK_TINH"
    decision_number = "1234/QĐ-UBND"
    decided_on = datetime.date(2025, 1, 15)
    source = m.Honour.Source.DECISION


class CollectiveHonourFactory(DecidedHonourFactory):
    person = None
    unit = factory.SubFactory(UnitFactory)
    award_id = "TTLDXS"


def issue(*honours, assign_numbers=True, **overrides):
    """Issue certificates for honours with the provincial chair as issuer; returns the list."""
    return issue_certificates(honours, **{**ISSUER, **overrides}, assign_numbers=assign_numbers)


def issue_one(**honour_kwargs):
    return issue(DecidedHonourFactory(**honour_kwargs))[0]
