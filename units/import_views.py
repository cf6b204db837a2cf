# The administrators' upload page for imports (being built).
from django.http import HttpResponse


def import_upload(request):
    return HttpResponse(status=503)
