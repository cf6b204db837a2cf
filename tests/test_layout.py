"""Layout (issue 13 item 9): a menu bar of a few dropdowns, breadcrumbs on inner pages, localised error
pages in the site's layout."""

import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views import defaults

from accounts.context_processors import navigation
from accounts.roles import Role


@pytest.fixture(autouse=True)
def _site_language_afterwards():
    """Requests with an English cookie leave English active in this thread; give the next test Vietnamese."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def top_level_entries(html: str) -> int:
    bar = html.split('<ul class="navbar-nav me-auto">', 1)[1].split("</ul>\n      <form", 1)[0]
    return len(re.findall(r'<li class="nav-item( dropdown)?">', bar))


@pytest.mark.parametrize("roles", [(Role.CHAIR,), (Role.REVIEWER,), (Role.ADMINISTRATOR,),
                                   (Role.REVIEWER, Role.CLERK, Role.CHAIR, Role.ADMINISTRATOR)])
def test_the_menu_bar_is_a_few_menus(client, make_user, roles):
    user = make_user(*roles, is_staff=Role.ADMINISTRATOR in roles)
    client.force_login(user)
    html = client.get(reverse("nominations:dossier_list")).content.decode()
    assert top_level_entries(html) <= 6
    assert 'data-bs-toggle="dropdown"' in html and "bootstrap.bundle.min.js" in html
    every_item = {item["url"] for item in navigation(type("R", (), {"user": user, "path": "/"})())["nav_items"]}
    assert all(url in html for url in every_item)  # grouped, none lost


def test_inner_pages_have_breadcrumbs(client, make_user):
    client.force_login(make_user(Role.REVIEWER))
    page = client.get(reverse("nominations:queue")).content.decode()
    crumbs = page.split('class="laurel-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Trang chủ" in crumbs and "Khen thưởng" in crumbs and "Hồ sơ chờ thẩm định" in crumbs
    assert 'class="laurel-breadcrumbs"' not in client.get(reverse("home")).content.decode()
    for name in ("units:unit_list", "reports:dashboard", "nominations:inbox", "certificates:list"):
        assert 'class="laurel-breadcrumbs"' in client.get(reverse(name)).content.decode(), name


def test_404_and_403_are_localised_in_the_layout(client, make_user):
    client.force_login(make_user(Role.UNIT_OFFICER))
    missing = client.get("/nominations/no-such-page/")
    assert missing.status_code == 404
    assert "Không tìm thấy trang" in missing.content.decode() and "navbar" in missing.content.decode()
    denied = client.get(reverse("nominations:queue"))
    assert denied.status_code == 403 and "Không có quyền truy cập" in denied.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in client.get("/nominations/no-such-page/").content.decode()


def test_500_renders_in_the_layout_without_a_request_context(db):
    with translation.override("vi"):
        response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Lỗi máy chủ" in body and "navbar" in body


def test_429_is_a_page(client, db):
    lookup = reverse("certificates:verify_lookup")
    for i in range(21):
        response = client.get(lookup, {"code": f"AAAA-{i:04d}"})
    assert response.status_code == 429
    assert "Quá nhiều yêu cầu" in response.content.decode() and "navbar" in response.content.decode()
