from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("charts/<slug:name>.svg", views.chart_svg, name="chart"),
    path("", views.report_view, name="report"),
    path("export.xlsx", views.report_xlsx, name="report_xlsx"),
    path("print.pdf", views.report_pdf_view, name="report_pdf"),
]
