from django.http import HttpResponse
from django.urls import path

app_name = "awards"
urlpatterns = [path("check/", lambda request: HttpResponse(status=503), name="check")]
