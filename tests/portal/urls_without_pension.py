"""The portal's URLs without 养老金申领: its tile must show as not yet open."""

from django.urls import URLResolver

from portal.urls import urlpatterns as portal_patterns


def _keeps(pattern) -> bool:
    return not (isinstance(pattern, URLResolver) and pattern.namespace == "pension")


urlpatterns = [pattern for pattern in portal_patterns if _keeps(pattern)]
