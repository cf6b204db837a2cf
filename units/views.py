# Registry views (being built).
from django.http import HttpResponse


def unit_list(request):
    return HttpResponse(status=503)


unit_detail = person_list = person_detail = unit_list
