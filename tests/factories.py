"""Factories for tests. Each builds a valid object with the fewest required choices."""

import datetime

import factory
from django.contrib.auth.models import Group

from accounts.models import User
from units import models as m
from units.enums import Gender, RatingLevel, UnitKind


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm số {n}")
    kind = UnitKind.AGENCY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Person

    code = factory.Sequence(lambda n: f"P{n:05d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_date = datetime.date(1985, 5, 17)
    unit = factory.SubFactory(UnitFactory)
    position = "Chuyên viên"


class PersonRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PersonRating

    person = factory.SubFactory(PersonFactory)
    year = 2024
    rating = RatingLevel.GOOD


class UnitRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.UnitRating

    unit = factory.SubFactory(UnitFactory)
    year = 2024
    rating = RatingLevel.GOOD


class ParResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ParResult

    unit = factory.SubFactory(UnitFactory)
    year = 2024
    score = 85


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    password = factory.django.Password("Laurel-test-2024")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=role))
