"""The one place that decides which records a user may see.

Province-wide roles (Board, council, chair, clerk, administrator) see everything; a unit officer sees
their unit and its sub-units; anybody else sees nothing. Views fetch objects through these querysets,
so a guessed URL for another unit's record answers 404.
"""

from django.db.models import Q, QuerySet

from units.models import Unit


def unit_scope_q(user, field: str = "unit") -> Q | None:
    """A filter limiting `field` (a path to a Unit) to the user's scope; None means no limit."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_province_wide:
        return None
    if user.unit_id is None:
        return Q(pk__in=[])
    prefix = field + "__" if field else ""
    condition = Q(**{f"{prefix}path__startswith": user.unit.path})
    for path in merged_paths(user.unit):  # scoping follows a merge: the receiving unit sees the merged units
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def merged_paths(unit) -> list[str]:
    """Paths of the units merged or renamed into `unit` (transitively), outside its own subtree."""
    from units.timeline import receiving_unit_ids

    merged = receiving_unit_ids([unit.pk])[unit.pk]
    if not merged:
        return []
    paths = Unit.objects.filter(pk__in=list(merged)).values_list("path", flat=True)
    return [path for path in paths if not path.startswith(unit.path)]


def scope_to_user(queryset: QuerySet, user, field: str = "unit") -> QuerySet:
    condition = unit_scope_q(user, field)
    return queryset if condition is None else queryset.filter(condition)


def units_visible_to(user) -> QuerySet:
    return scope_to_user(Unit.objects.all(), user, field="")


def people_visible_to(user) -> QuerySet:
    from units.models import Person

    return scope_to_user(Person.objects.all(), user)

