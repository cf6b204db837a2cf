"""What each role sees in the navigation bar. Items are data; apps add theirs to NAV_ITEMS."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


ALL_ROLES = frozenset(Role.values)
BOARD = frozenset({Role.REVIEWER, Role.COUNCIL_MEMBER, Role.CHAIR, Role.CLERK, Role.ADMINISTRATOR})

NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "home", ALL_ROLES),
    NavItem(_("Units"), "units:unit_list", ALL_ROLES),
    NavItem(_("People"), "units:person_list", ALL_ROLES),
    NavItem(_("Eligibility check"), "awards:check", ALL_ROLES),
    NavItem(_("Imports"), "units:import", frozenset({Role.ADMINISTRATOR})),
    NavItem(_("Dossiers"), "nominations:dossier_list",
            frozenset({Role.UNIT_OFFICER, Role.REVIEWER, Role.ADMINISTRATOR})),
    NavItem(_("Review queue"), "nominations:queue", frozenset({Role.REVIEWER, Role.ADMINISTRATOR})),
    NavItem(_("Council votes"), "nominations:vote_list",
            frozenset({Role.COUNCIL_MEMBER, Role.CHAIR, Role.ADMINISTRATOR})),
    NavItem(_("Decisions"), "nominations:decision_list", frozenset({Role.CHAIR, Role.ADMINISTRATOR})),
    NavItem(_("Inbox"), "nominations:inbox", ALL_ROLES),
    NavItem(_("Dashboard"), "reports:dashboard", ALL_ROLES),
    NavItem(_("Reports"), "reports:report", BOARD),
]


def menu_for(user) -> list[dict]:
    items = []
    for item in NAV_ITEMS:
        if user.roles & item.roles:
            url = item.url()
            if url:
                items.append({"label": item.label, "url": url})
    if user.is_staff:
        items.append({"label": _("Administration"), "url": reverse("admin:index")})
    return items
