"""The queue's pages at any depth (issue 14): a page holds what OFFSET over the whole ordered list holds, the
dossier filters keep their meaning in both of their forms, the count is exact up to a threshold and PostgreSQL's
estimate above it, and a name typed without diacritics still finds."""

import datetime

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.pagination import LargeTablePaginator, planner_rows
from nominations.enums import DossierState, NomineeState, Verdict
from nominations.models import Nominee
from nominations.queries import overdue_q
from nominations.tables import QueueTable
from units.models import ParResult

from .factories import PersonFactory, UnitFactory
from .factories_nominations import CampaignFactory, DossierFactory, NomineeFactory

NAMES = ["Trần Minh Tuấn", "Nguyễn Thị Hà", "Lê Văn An", "Đặng Thu Trang"]  # many rows share a name
PER_PAGE = 50


@pytest.fixture
def crowd(province):
    """130 nominees in six dossiers of two campaigns: dossier states, due dates (one none), PAR classes."""
    today = timezone.localdate()
    campaigns = [CampaignFactory(), CampaignFactory(title="Đợt hai")]
    shapes = [  # (campaign, state, days to the due date, PAR class)
        (0, DossierState.SUBMITTED, -3, "fair"), (0, DossierState.UNDER_REVIEW, 4, "good"),
        (1, DossierState.SUBMITTED, None, "fair"), (1, DossierState.RETURNED, -8, "excellent"),
        (0, DossierState.IN_COUNCIL, -1, "fair"), (1, DossierState.UNDER_REVIEW, -2, "good"),
    ]
    dossiers = []
    for k, (c, state, days, par) in enumerate(shapes):
        unit = UnitFactory(parent=province, name=f"Phòng {'CBA'[k % 3]}{k}")
        ParResult.objects.create(unit=unit, year=campaigns[c].year, score=75, classification=par)
        due = None if days is None else today + datetime.timedelta(days=days)
        dossiers.append(DossierFactory(campaign=campaigns[c], unit=unit, state=state, due_on=due))
    for i in range(130):
        dossier = dossiers[i % len(dossiers)]
        NomineeFactory(dossier=dossier, person=PersonFactory(unit=dossier.unit, full_name=NAMES[i % len(NAMES)]),
                       verdict=[Verdict.ELIGIBLE, Verdict.INELIGIBLE][i % 2],
                       state=NomineeState.ACCEPTED if i % 5 == 0 else NomineeState.PROPOSED)
    return campaigns


def reference(params):
    """The queue's filters written as plain joins (their meaning before the pages were made cheap)."""
    qs = Nominee.objects.all()
    if "campaign" in params:
        qs = qs.filter(campaign_id=params["campaign"])
    if "verdict" in params:
        qs = qs.filter(verdict=params["verdict"])
    if "dossier_state" in params:
        qs = qs.filter(dossier__state=params["dossier_state"])
    if params.get("overdue") == "1":
        qs = qs.filter(overdue_q("dossier__"))
    if params.get("overdue") == "0":
        qs = qs.exclude(overdue_q("dossier__"))
    if "par_class" in params:
        published = ParResult.objects.filter(unit=OuterRef("dossier__unit"), year=OuterRef("campaign__year"),
                                             classification=params["par_class"])
        qs = qs.filter(Exists(published))
    return qs


ORDERS = {
    None: ("subject_name", "pk"),
    "subject_name": ("subject_name", "pk"),
    "-subject_name": ("-subject_name", "-pk"),
    "-due_on": ("-dossier__due_on", "-dossier_id", "-pk"),
    "unit": ("dossier__unit__name", "dossier_id", "pk"),
}
FILTERS = [
    {},
    {"overdue": "0"},
    {"overdue": "1", "verdict": "eligible"},
    {"dossier_state": "submitted"},
    {"par_class": "fair", "verdict": "eligible"},
    {"par_class": "good", "campaign": "CAMPAIGN"},
]


def shown_pages(client, params):
    pages, number = [], 1
    while True:
        table = client.get(reverse("nominations:queue"), {**params, "page": number}).context["table"]
        pages.append([row.record.pk for row in table.page.object_list])
        if not table.page.has_next():
            return pages, table.paginator
        number += 1


def test_every_page_holds_what_offset_holds(crowd, client, reviewer):
    """Each filter (the dossier's in both forms: hashed exclusion under a nominee sort, join under a dossier
    sort) in each order: page N is rows N*50 to N*50+50 of the whole list in that order."""
    client.force_login(reviewer)
    for filters in FILTERS:
        if filters.get("campaign") == "CAMPAIGN":
            filters = {**filters, "campaign": crowd[1].pk}
        expected_rows = reference(filters)
        assert expected_rows.exists(), filters
        for sort, order in ORDERS.items():
            params = {**filters, **({"sort": sort} if sort else {})}
            expected = list(expected_rows.order_by(*order).values_list("pk", flat=True))
            pages, paginator = shown_pages(client, params)
            for number, page in enumerate(pages):
                assert page == expected[number * PER_PAGE: (number + 1) * PER_PAGE], (params, number + 1)
            assert paginator.count == len(expected) and not paginator.is_estimate, params


def test_ties_are_broken_by_the_nominee(crowd, client, reviewer):
    """Forty-odd nominees share each name: the pages neither repeat nor skip one of them."""
    client.force_login(reviewer)
    pages, _paginator = shown_pages(client, {"sort": "subject_name"})
    shown = [pk for page in pages for pk in page]
    assert len(pages) == 3 and sorted(shown) == sorted(Nominee.objects.values_list("pk", flat=True))


def test_a_page_past_the_end_shows_the_last_page(crowd, client, reviewer):
    client.force_login(reviewer)
    table = client.get(reverse("nominations:queue"), {"page": 99}).context["table"]
    assert table.page.number == 3 and len(table.page.object_list) == 30


def test_the_page_says_how_many_and_caps_rows_per_page(crowd, client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("nominations:queue"), {"per_page": 100000})
    assert '<p class="small text-muted mb-1" id="queue-count">130 ' in response.content.decode()
    assert response.context["table"].paginator.per_page == 200
    assert client.get(reverse("nominations:queue"), {"per_page": -5}).status_code == 200


def test_a_name_typed_without_diacritics_finds_it(crowd, client, reviewer):
    client.force_login(reviewer)
    pages, paginator = shown_pages(client, {"q": "tran minh tuan", "sort": "-due_on"})
    names = {Nominee.objects.get(pk=pk).subject_name for page in pages for pk in page}
    assert names == {"Trần Minh Tuấn"} and paginator.count == 33


def paginator_for(queryset, **kwargs):
    table = QueueTable(queryset)
    return LargeTablePaginator(table.rows, PER_PAGE, **kwargs)


def test_counts_are_exact_up_to_the_threshold(crowd):
    paginator = paginator_for(Nominee.objects.all(), exact_up_to=1000)
    assert paginator.count == 130 and not paginator.is_estimate


def test_sqlite_counts_even_above_the_threshold(crowd):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    paginator = paginator_for(Nominee.objects.all(), exact_up_to=20)
    assert paginator.count == 130 and not paginator.is_estimate


def test_postgresql_estimates_counts_above_the_threshold(crowd):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE nominations_nominee")
    paginator = paginator_for(Nominee.objects.all(), exact_up_to=20, few=10)
    estimate = planner_rows(Nominee.objects.all())
    assert paginator.count == estimate > 20 and paginator.is_estimate
    assert len(paginator.page(1).object_list) == PER_PAGE and paginator.is_estimate
    # The last page is short: it tells the exact count, and the estimate is dropped.
    last = paginator.page(3)
    assert len(last.object_list) == 30 and paginator.count == 130 and not paginator.is_estimate
    # Under the threshold the estimate is checked by a count (bounded by the threshold).
    exact = paginator_for(Nominee.objects.filter(verdict=Verdict.ELIGIBLE), exact_up_to=1000, few=10)
    assert exact.count == 65 and not exact.is_estimate


def test_a_stale_estimate_never_hides_a_short_list(crowd):
    """Statistics taken before most rows went away still estimate many: the bounded count settles it."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE nominations_nominee")
    keep = list(Nominee.objects.order_by("pk").values_list("pk", flat=True)[:10])
    Nominee.objects.exclude(pk__in=keep).delete()
    assert planner_rows(Nominee.objects.all()) > 20  # the planner still believes the old statistics
    paginator = paginator_for(Nominee.objects.all(), exact_up_to=20, few=15)
    assert paginator.count == 10 and not paginator.is_estimate


def test_postgresql_takes_the_keys_of_a_few_rows_at_once(crowd):
    """A list the planner expects short (a name searched): its keys in one query give the count and the page,
    without a count that runs the search a second time."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE nominations_nominee")
    paginator = paginator_for(Nominee.objects.all(), exact_up_to=20)
    with CaptureQueriesContext(connection) as ctx:
        page = paginator.page(2)
    assert [q["sql"].split()[0] for q in ctx.captured_queries] == ["EXPLAIN", "SELECT", "SELECT"]
    assert paginator.count == 130 and not paginator.is_estimate and len(page.object_list) == PER_PAGE


def test_postgresql_walks_the_covering_index_in_name_order(crowd):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (run with DATABASE_URL)")
    campaign = crowd[0]
    with connection.cursor() as cursor:
        for setting in ("seqscan", "bitmapscan", "sort", "incremental_sort"):  # as on a million rows
            cursor.execute(f"SET LOCAL enable_{setting} = off")
        cursor.execute("EXPLAIN SELECT id FROM nominations_nominee WHERE campaign_id = %s AND state = 'proposed' "
                       "AND verdict = 'eligible' ORDER BY subject_name, id LIMIT 50 OFFSET 4950", [campaign.pk])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "nominee_queue_by_name" in plan and "Sort" not in plan


def test_the_filter_lists_are_read_without_server_side_cursors(crowd, client, reviewer):
    """The campaign, unit and award lists come in one plain query each (no DECLARE … FETCH … CLOSE on
    PostgreSQL) and keep the chosen campaign selected."""
    client.force_login(reviewer)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("nominations:queue"), {"campaign": crowd[1].pk}).content.decode()
    assert f'<option value="{crowd[1].pk}" selected>' in html
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("DECLARE")]
