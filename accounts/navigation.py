"""The navigation bar. Items are data; apps add theirs to NAV_ITEMS. Each item names the permission its
view requires (None: the view needs only a signed-in user), so the menu shows exactly the pages the
predicates open to the user; `roles` is kept for items added the older way."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

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
    NavItem(_("Council votes"), "nominations:vote_list", perm="nominations.view_votes"),
    NavItem(_("Decisions"), "nominations:decision_list", perm="nominations.view_decisions"),
    NavItem(_("Inbox"), "nominations:inbox"),
    NavItem(_("Dashboard"), "reports:dashboard"),
    NavItem(_("Reports"), "reports:report", perm="reports.view_reports"),
]


def menu_for(user) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if item.shown_to(user):
            url = item.url()
            if url:
                items.append({"label": item.label, "url": url})
    if user.is_staff:
        items.append({"label": _("Administration"), "url": reverse("admin:index")})
    return items
