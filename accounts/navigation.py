"""The navigation bar. Items are data; apps add theirs to NAV_ITEMS. Each item names the permission its
view requires (None: the view needs only a signed-in user), so the menu shows exactly the pages the
predicates open to the user; `roles` is kept for items added the older way."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] = frozenset()
    perm: str | None = None

    def shown_to(self, user) -> bool:
        if self.perm is not None:
            return user.has_perm(self.perm)
        if self.roles:
            return bool(user.roles & self.roles)
        return user.is_authenticated

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


ALL_ROLES = frozenset(Role.values)
BOARD = frozenset({Role.REVIEWER, Role.COUNCIL_MEMBER, Role.CHAIR, Role.CLERK, Role.ADMINISTRATOR})

NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "home"),
    NavItem(_("Units"), "units:unit_list"),
    NavItem(_("People"), "units:person_list"),
    NavItem(_("Eligibility check"), "awards:check"),
    NavItem(_("Imports"), "units:import", perm="units.import_records"),
    NavItem(_("Dossiers"), "nominations:dossier_list"),
    NavItem(_("Review queue"), "nominations:queue", perm="nominations.view_queue"),
    NavItem(_("Public comments"), "nominations:comment_list", perm="nominations.view_public_comments"),
    NavItem(_("Council votes"), "nominations:vote_list", perm="nominations.view_votes"),
    NavItem(_("Decisions"), "nominations:decision_list", perm="nominations.view_decisions"),
    NavItem(_("Inbox"), "nominations:inbox"),
    NavItem(_("Dashboard"), "reports:dashboard"),
    NavItem(_("Reports"), "reports:report", perm="reports.view_reports"),
]


# The top bar shows a few menus, so that it stays on one line at 1280 px for every role: items are grouped
# by the namespace of their URL (an app adding items lands in its group without naming it).
MENUS = {
    "records": pgettext_lazy("menu", "Records"),
    "awards": pgettext_lazy("menu", "Awards"),
    "reports": pgettext_lazy("menu", "Reports"),
}
MENU_OF_NAMESPACE = {"units": "records", "awards": "records", "nominations": "awards", "certificates": "awards",
                     "reports": "reports"}
TOP_LEVEL = {"home", "nominations:inbox"}


def menu_of(url_name: str) -> str:
    if url_name in TOP_LEVEL:
        return ""
    return MENU_OF_NAMESPACE.get(url_name.split(":")[0], "")


def menu_for(user) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if item.shown_to(user):
            url = item.url()
            if url:
                items.append({"label": item.label, "url": url, "menu": menu_of(item.url_name)})
    if user.is_staff:
        items.append({"label": _("Administration"), "url": reverse("admin:index"), "menu": ""})
    return items


def grouped(items: list[dict]) -> list[dict]:
    """The bar: single links and menus, in the order of their first item. A menu of one item is a link."""
    entries, menus = [], {}
    for item in items:
        key = item["menu"]
        if not key:
            entries.append({"label": item["label"], "url": item["url"], "items": []})
        elif key in menus:
            menus[key]["items"].append(item)
        else:
            menus[key] = {"label": MENUS[key], "url": "", "items": [item], "key": key}
            entries.append(menus[key])
    for entry in entries:
        if len(entry["items"]) == 1:
            entry.update(label=entry["items"][0]["label"], url=entry["items"][0]["url"], items=[])
    return entries


def breadcrumbs(items: list[dict], path: str) -> list[dict]:
    """Home › menu › the section the page belongs to (the item whose address is the longest prefix of the
    path). A template adds the page itself with {% block breadcrumbs %}."""
    home = reverse("home")
    best = max((i for i in items if i["url"] != home and path.startswith(i["url"])), key=lambda i: len(i["url"]),
               default=None)
    if best is None or path == home:
        return []
    trail = [{"label": _("Home"), "url": home}]
    if best["menu"]:
        trail.append({"label": MENUS[best["menu"]], "url": ""})
    trail.append({"label": best["label"], "url": "" if path == best["url"] else best["url"]})
    return trail
