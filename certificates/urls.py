from django.urls import path

from . import batch_views, template_views, verify_views, views

app_name = "certificates"
urlpatterns = [
    path("", views.certificate_list, name="list"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("<int:pk>/pdf/", views.certificate_pdf, name="pdf"),
    path("<int:pk>/revoke/", views.certificate_revoke, name="revoke"),
    path("<int:pk>/reissue/", views.certificate_reissue, name="reissue"),
    path("verify/", verify_views.verify_lookup, name="verify_lookup"),
    path("verify/<str:token>/", verify_views.verify, name="verify"),
    path("batches/", batch_views.batch_list, name="batch_list"),
    path("batches/<int:pk>/", batch_views.batch_detail, name="batch_detail"),
    path("batches/<int:pk>/status/", batch_views.batch_status, name="batch_status"),
    path("batches/<int:pk>/cancel/", batch_views.batch_cancel, name="batch_cancel"),
    path("batches/<int:pk>/download/<str:kind>/", batch_views.batch_download, name="batch_download"),
    path("templates/<int:pk>/preview.<str:fmt>", template_views.template_preview, name="template_preview"),
    path("templates/<int:pk>/preview/live/", template_views.template_preview_live, name="template_preview_live"),
    path("printers/<int:pk>/calibration.pdf", template_views.printer_calibration, name="printer_calibration"),
]
