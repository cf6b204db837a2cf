"""Factories and small builders for the eligibility tests."""

import datetime

import factory

from awards.models import AwardRule, Criterion, RuleSet
from units import models as m
from units.enums import DisciplineLevel, InitiativeScope

from .factories import PersonFactory, PersonRatingFactory, UnitFactory, UnitRatingFactory


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Honour

    year = 2024
    award_id = "LDTT"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Initiative

    person = factory.SubFactory(PersonFactory)
    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    scope = InitiativeScope.GRASSROOTS
    recognised_on = datetime.date(2024, 6, 1)


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.DisciplineRecord

    person = factory.SubFactory(PersonFactory)
    level = DisciplineLevel.REPRIMAND
    decided_on = datetime.date(2024, 3, 1)


class EmulationClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.EmulationCluster

    name = factory.Sequence(lambda n: f"Cụm thi đua {n}")


def rate(subject, year, level):
    if isinstance(subject, m.Person):
        return PersonRatingFactory(person=subject, year=year, rating=level)
    return UnitRatingFactory(unit=subject, year=year, rating=level)


def honour(subject, award, year):
    if isinstance(subject, m.Person):
        return HonourFactory(person=subject, award_id=award, year=year)
    return HonourFactory(unit=subject, award_id=award, year=year)


def initiative(person, year, scope=InitiativeScope.GRASSROOTS):
    return InitiativeFactory(person=person, scope=scope, recognised_on=datetime.date(year, 6, 1))


def par(unit, year, score, classification="", rank=None):
    return m.ParResult.objects.create(unit=unit, year=year, score=score, classification=classification, rank=rank)


def cluster_score(unit, year, score, rank=None, cluster=None):
    return m.ClusterScore.objects.create(unit=unit, year=year, score=score, rank=rank,
                                         cluster=cluster or unit.cluster)


def single_rule_set(award, criteria, effective_from=datetime.date(2030, 1, 1), kinds=("annual",), **rule_fields):
    """A rule set with one award rule holding the given criteria [(code, kind, params, applies_to)]."""
    rule_set = RuleSet.objects.create(name=f"Test {effective_from}", effective_from=effective_from)
    add_rule(rule_set, award, criteria, kinds, **rule_fields)
    return rule_set


def add_rule(rule_set, award, criteria, kinds=("annual",), **rule_fields):
    rule = AwardRule.objects.create(rule_set=rule_set, award_id=award, campaign_kinds=list(kinds), **rule_fields)
    for position, spec in enumerate(criteria):
        code, kind, params, *rest = spec
        Criterion.objects.create(rule=rule, position=position, code=code, kind=kind, params=params,
                                 applies_to=rest[0] if rest else "both")
    return rule


__all__ = ["DisciplineFactory", "EmulationClusterFactory", "HonourFactory", "InitiativeFactory", "PersonFactory",
           "UnitFactory", "add_rule", "cluster_score", "honour", "initiative", "par", "rate", "single_rule_set"]
