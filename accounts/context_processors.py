from .navigation import breadcrumbs, grouped, menu_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_menus": [], "breadcrumbs": []}
    items = menu_for(user)
    return {"nav_items": items, "nav_menus": grouped(items), "breadcrumbs": breadcrumbs(items, request.path)}
