from django.conf.urls.i18n import i18n_patterns  # noqa: F401
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ops.health import healthz

admin.site.site_header = _("Laurel administration")
admin.site.site_title = _("Laurel")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("units/", include("units.urls")),
    path("awards/", include("awards.urls")),
    path("nominations/", include("nominations.urls")),
    path("certificates/", include("certificates.urls")),
    path("reports/", include("reports.urls")),
    path("api/", include("api.urls")),
    path("public/", include("reports.public_urls")),
    path("", include("accounts.urls")),
]
